import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, decimalNumber, type EtClient, isEtkitClientError, type Transport } from '../src/index.js';
import { type FakeEt, startFakeEt } from './helpers/fake-et.js';
import { clientKeys, merchant } from './helpers/keys.js';
import { transports } from './helpers/transports.js';

describe.each(transports)('operations over %s', (_name, makeTransport) => {
  let et: FakeEt;
  let transport: Transport & { close?: () => Promise<void> };
  let client: EtClient;

  beforeAll(async () => {
    et = await startFakeEt();
    transport = makeTransport();
    client = createClient({
      environment: et.url,
      ...merchant,
      keys: clientKeys,
      transport,
      profile: { serverTypes: { estimateAmount: 'agreed_estimate_amount', applyRefund: 'agreed_apply_refund' } },
    });
  });
  afterAll(async () => {
    await transport.close?.();
    await et.close();
  });

  const last = () => et.received.at(-1)!;

  it('createOrder encrypts every field, sends the tuition under the profile name with its exact decimal text', async () => {
    et.setHandler(() => ({ kind: 'sealed', data: [{ order_id: 'ET2026112800000001' }] }));
    const result = await client.createOrder({
      merchant_order_id: 'M-1001',
      country_code: 'GBR',
      currency_code: 'GBP',
      tuition: '10000.50',
      merchant_service_fee: '130',
      order_tuition: '0.00',
      name_ch: '测试',
      student_email: 'student@example.test',
      fee_type_list: [{ fee_type: 7, fee_type_desc: '房租' }],
      extraFields: { funding_source: 2 },
    });
    expect(result.orderId).toBe('ET2026112800000001');
    expect(result.statusCode).toBe('000000');
    expect(result.attempts).toBe(1);
    const request = last();
    expect(request.serverType).toBe('add_special_rent_order');
    expect(request.fields.data).toBe('{}');
    expect(request.fields.sensitive_data).not.toBe('');
    expect(request.fields.merchant_number).toBe('ET82009');
    expect(request.fields.sub_merchant_number).toBe('ET82009S001');
    expect(request.serialNumber).toMatch(/^\d{20}ET82009$/);
    expect(request.serialNumber).toBe(result.serialNumber);
    expect(request.sensitive).toEqual({
      merchant_order_id: 'M-1001',
      country_code: 'GBR',
      currency_code: 'GBP',
      merchant_service_fee: 130,
      order_tuition: '0.00', // lossless parse: the wire text 0.00 is kept
      name_ch: '测试',
      student_email: 'student@example.test',
      fee_type_list: [{ fee_type: 7, fee_type_desc: '房租' }],
      funding_source: 2,
      tuituon: '10000.50',
    });
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('getPaymentUrl sends plaintext data and reads pay_url', async () => {
    et.setHandler(() => ({ kind: 'sealed', data: [{ pay_url: 'https://pay.example.test/p/ET1' }] }));
    const result = await client.getPaymentUrl({ order_id: 'ET1', back_jump_url: 'https://shop.example.test/back' });
    expect(result.payUrl).toBe('https://pay.example.test/p/ET1');
    expect(result.payUrlField).toBe('pay_url');
    expect(result.items).toEqual([{ pay_url: 'https://pay.example.test/p/ET1', extra: {} }]);
    expect(last().serverType).toBe('get_special_pay_url');
    expect(last().data).toEqual({ order_id: 'ET1', back_jump_url: 'https://shop.example.test/back' });
    expect(last().fields.sensitive_data).toBe('');
    expect(last().fields.aeskey).toBe('');
  });

  it('getPaymentUrl finds the URL under another likely name, in sensitive_data too', async () => {
    et.setHandler(() => ({ kind: 'sealed', data: [], sensitive: [{ payment_url: 'https://pay.example.test/p/ET2' }] }));
    const result = await client.getPaymentUrl({ order_id: 'ET2' });
    expect(result.payUrl).toBe('https://pay.example.test/p/ET2');
    expect(result.payUrlField).toBe('payment_url');
  });

  it('uploadAttachment base64-encodes bytes and Blobs into data', async () => {
    et.setHandler(() => ({ kind: 'sealed', data: [] }));
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await client.uploadAttachment({ order_id: 'ET1', attachment_type: 6, file_name: 'passport.pdf', file: bytes });
    expect(last().serverType).toBe('upload_attachment');
    expect(last().data).toEqual({ order_id: 'ET1', attachment_type: 6, file_name: 'passport.pdf', base64: 'AAEC+v8=' });
    await client.uploadAttachment({
      order_id: 'ET1',
      attachment_type: 1,
      file_name: 'offer.txt',
      file: new Blob(['offer']),
    });
    expect((last().data as { base64: string }).base64).toBe(btoa('offer'));
  });

  it('batchQueryOrders returns the decrypted records, amounts as their exact decimal text', async () => {
    et.setHandler(() => ({
      kind: 'sealed',
      data: [],
      sensitive:
        '[{"order_id":"ET1","merchant_order_id":"M-1","order_status":1,"pay_amount":10000.00,"rate":7.1},' +
        '{"order_id":"ET2","merchant_order_id":"M-2","order_status":-1,"pay_amount":12345678901234567.89}]',
    }));
    const result = await client.batchQueryOrders({ data: { merchant_order_ids: ['M-1', 'M-2'] } });
    expect(last().serverType).toBe('batch_special_query_order_info');
    expect(last().data).toEqual({ merchant_order_ids: ['M-1', 'M-2'] });
    expect(result.items).toEqual([
      {
        order_id: 'ET1',
        merchant_order_id: 'M-1',
        order_status: 1,
        extra: { pay_amount: '10000.00', rate: '7.1' },
      },
      {
        order_id: 'ET2',
        merchant_order_id: 'M-2',
        order_status: -1,
        extra: { pay_amount: '12345678901234567.89' },
      },
    ]);
    expect(result.count).toBe(0); // ET's count: the items in data (PROTOCOL.md §3), here none; the records are in items
  });

  it('getRate hands rates over as decimal strings', async () => {
    et.setHandler(() => ({
      kind: 'sealed',
      data: '[{"currency_code":"GBP","rate":9.0812,"precise":9.08120000000000000001}]',
    }));
    const result = await client.getRate({ data: { currency_code: 'GBP' } });
    expect(last().serverType).toBe('get_rate');
    expect(result.items).toEqual([
      { extra: { currency_code: 'GBP', rate: '9.0812', precise: '9.08120000000000000001' } },
    ]);
  });

  it('redirectOrder encrypts its fields under merchant_jump_place_order', async () => {
    et.setHandler(() => ({ kind: 'sealed', data: [{ jump_url: 'https://et.example.test/j/1' }] }));
    const result = await client.redirectOrder({ name_ch: '测试', school_name: 'University of London' });
    expect(last().serverType).toBe('merchant_jump_place_order');
    expect(last().fields.data).toBe('{}');
    expect(last().sensitive).toEqual({ name_ch: '测试', school_name: 'University of London' });
    expect(result.items).toEqual([{ extra: { jump_url: 'https://et.example.test/j/1' } }]);
  });

  it('estimateAmount and applyRefund use the server_types from the profile', async () => {
    et.setHandler(() => ({ kind: 'sealed', data: [{ amount: 1234.5 }] }));
    const estimate = await client.estimateAmount({ data: { currency_code: 'GBP', amount: 1000 } });
    expect(last().serverType).toBe('agreed_estimate_amount');
    expect(estimate.items).toEqual([{ extra: { amount: '1234.5' } }]);
    await client.applyRefund({ sensitive: { refund_order_id: 'R-1' } });
    expect(last().serverType).toBe('agreed_apply_refund');
    expect(last().sensitive).toEqual({ refund_order_id: 'R-1' });
  });

  // Open payloads (applyRefund, estimateAmount, getRate, call) have no documented decimal fields: a JS number
  // would reach the wire through a binary float. decimalNumber() sends a JSON number with exactly its text.
  it('sends an amount of an open payload as a JSON number with its exact text via decimalNumber', async () => {
    et.setHandler(() => ({ kind: 'sealed', data: [] }));
    await client.applyRefund({
      data: { order_id: 'ET1', refund_amount: decimalNumber('100.10') },
      sensitive: { refund_order_id: 'R-2', refund_amount: decimalNumber('0.30') },
    });
    expect(last().fields.data).toBe('{"order_id":"ET1","refund_amount":100.10}');
    expect(last().sensitive).toEqual({ refund_order_id: 'R-2', refund_amount: '0.30' }); // kept as its exact text
    for (const text of ['1e3', '', ' 1', '1.', 'NaN', '0x10', '+1']) {
      expect(() => decimalNumber(text)).toThrowError(expect.objectContaining({ code: 'VALIDATION' }));
    }
  });

  // Amounts and rates are decimal strings in public types (DESIGN.md), for call() as for the typed methods.
  it('call hands numbers over as decimal text, like the typed methods', async () => {
    et.setHandler(() => ({
      kind: 'sealed',
      data: '[{"refund_amount":100.5,"fee":0.30,"nested":[{"rate":7.1234}]}]',
      sensitive: '[{"amount":12.25}]',
    }));
    const result = await client.call('query_refund_agreed', { data: { order_id: 'ET1' } });
    expect(result.data).toEqual([{ refund_amount: '100.5', fee: '0.30', nested: [{ rate: '7.1234' }] }]);
    expect(result.sensitive).toEqual([{ amount: '12.25' }]);
    // A documented server_type keeps the integer codes of its result schema as numbers.
    et.setHandler(() => ({ kind: 'sealed', sensitive: '[{"order_id":"ET1","order_status":1,"amount":130.5}]' }));
    const orders = await client.call('batch_special_query_order_info', { idempotent: true });
    expect(orders.sensitive).toEqual([{ order_id: 'ET1', order_status: 1, amount: '130.5' }]);
  });

  it('call sends any server_type and returns the opened response', async () => {
    et.setHandler(() => ({ kind: 'sealed', data: [{ closed: true }], returnInfo: 'r-1' }));
    const result = await client.call('close_order_agreed', { data: { order_id: 'ET1' } }, { returnInfo: 'r-1' });
    expect(last().serverType).toBe('close_order_agreed');
    expect(last().fields.return_info).toBe('r-1');
    expect(result.data).toEqual([{ closed: true }]);
    expect(result.returnInfo).toBe('r-1');
    expect(result.verified).toBe(true);
  });
});

describe('operations that need a server_type from the profile', () => {
  it('fail with CONFIG before anything is sent', async () => {
    const et = await startFakeEt();
    try {
      const client = createClient({ environment: et.url, ...merchant, keys: clientKeys });
      for (const run of [() => client.estimateAmount({}), () => client.applyRefund({})]) {
        const error = await run().catch((caught: unknown) => caught);
        expect(isEtkitClientError(error, 'CONFIG')).toBe(true);
        expect((error as Error).message).toMatch(/profile\.serverTypes\.(estimateAmount|applyRefund)/);
      }
      expect(et.hits()).toBe(0);
    } finally {
      await et.close();
    }
  });
});

describe('profile', () => {
  it("sends the tuition as 'tuition' when the profile says so", async () => {
    const et = await startFakeEt();
    try {
      const client = createClient({
        environment: et.url,
        ...merchant,
        keys: clientKeys,
        profile: { tuitionFieldName: 'tuition' },
      });
      await client.createOrder({ merchant_order_id: 'M-2', tuituon: '130' });
      expect(et.received[0]?.sensitive).toEqual({ merchant_order_id: 'M-2', tuition: 130 });
    } finally {
      await et.close();
    }
  });

  it('reads the payment URL only from the configured field when one is set', async () => {
    const et = await startFakeEt();
    try {
      et.setHandler(() => ({
        kind: 'sealed',
        data: [{ pay_url: 'https://wrong.example.test', cashier: 'https://right.example.test' }],
      }));
      const client = createClient({
        environment: et.url,
        ...merchant,
        keys: clientKeys,
        profile: { paymentUrlField: 'cashier' },
      });
      const result = await client.getPaymentUrl({ order_id: 'ET1' });
      expect(result.payUrl).toBe('https://right.example.test');
    } finally {
      await et.close();
    }
  });

  it('rejects an unknown environment or a bad profile with CONFIG', () => {
    expect(() => createClient({ environment: 'staging', ...merchant, keys: clientKeys })).toThrowError(
      expect.objectContaining({ code: 'CONFIG' }),
    );
    expect(() =>
      createClient({ environment: 'test', ...merchant, keys: clientKeys, profile: { keyWrap: 'rsa-raw' as never } }),
    ).toThrowError(expect.objectContaining({ code: 'CONFIG' }));
    expect(() => createClient({ environment: 'test', ...merchant, merchantNumber: '', keys: clientKeys })).toThrowError(
      expect.objectContaining({ code: 'CONFIG' }),
    );
  });
});

describe('keys', () => {
  it('are imported once on first use; an unusable key is a CONFIG error and nothing is sent', async () => {
    const et = await startFakeEt();
    try {
      const broken = createClient({
        environment: et.url,
        ...merchant,
        keys: { merchantPrivateKey: 'not a key', etPublicKey: clientKeys.etPublicKey },
      });
      const error = await broken.getRate({}).catch((caught: unknown) => caught);
      expect(isEtkitClientError(error, 'CONFIG')).toBe(true);
      expect((error as Error).message).not.toContain('not a key');
      expect(et.hits()).toBe(0);
    } finally {
      await et.close();
    }
  });
});
