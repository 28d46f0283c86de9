import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClient,
  type ErrorView,
  REDACTED,
  type RequestView,
  type ResponseView,
  type Transport,
} from '../src/index.js';
import { type FakeEt, startFakeEt } from './helpers/fake-et.js';
import { clientKeys, merchant } from './helpers/keys.js';
import { transports } from './helpers/transports.js';

const personal = {
  name_ch: '王小明',
  first_name_en: 'Xiaoming',
  last_name_en: 'Wang',
  student_id_number: '110101200001011234',
  student_mobile: '13800138000',
  student_email: 'xiaoming@example.test',
  student_address: '北京市朝阳区某路1号',
  wechat_number: 'wxid_secret',
};

describe.each(transports)('hooks over %s', (_name, makeTransport) => {
  let et: FakeEt;
  let transport: Transport & { close?: () => Promise<void> };
  const requests: RequestView[] = [];
  const responses: ResponseView[] = [];
  const errors: ErrorView[] = [];

  beforeAll(async () => {
    et = await startFakeEt();
    transport = makeTransport();
  });
  afterAll(async () => {
    await transport.close?.();
    await et.close();
  });

  const client = () =>
    createClient({
      environment: et.url,
      ...merchant,
      keys: clientKeys,
      transport,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      hooks: {
        onRequest: (view) => {
          requests.push(view);
        },
        onResponse: (view) => {
          responses.push(view);
        },
        onError: (view) => {
          errors.push(view);
        },
        redactFields: ['merchant_user_key'],
      },
    });

  it('see requests and responses with personal data masked and no secrets at all', async () => {
    et.setHandler(() => ({
      kind: 'sealed',
      data: [{ order_id: 'ET9' }],
      sensitive: [{ order_id: 'ET9', name_ch: '王小明', student_mobile: '13800138000' }],
    }));
    await client().createOrder({
      merchant_order_id: 'M-H',
      merchant_user_key: 'user-77',
      tuituon: '100.00',
      ...personal,
    });

    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(request).toMatchObject({
      operation: 'createOrder',
      serverType: 'add_special_rent_order',
      attempt: 1,
      url: et.url,
      serialNumber: et.received[0]!.serialNumber,
      data: {},
    });
    expect(request.sensitive).toEqual({
      merchant_order_id: 'M-H',
      merchant_user_key: REDACTED,
      tuituon: '100.00',
      name_ch: REDACTED,
      first_name_en: REDACTED,
      last_name_en: REDACTED,
      student_id_number: REDACTED,
      student_mobile: REDACTED,
      student_email: REDACTED,
      student_address: REDACTED,
      wechat_number: REDACTED,
    });

    const response = responses[0]!;
    expect(response.statusCode).toBe('000000');
    expect(response.httpStatus).toBe(200);
    expect(response.verified).toBe(true);
    expect(response.durationMs).toBeGreaterThan(0);
    expect(response.responseSensitive).toEqual([{ order_id: 'ET9', name_ch: REDACTED, student_mobile: REDACTED }]);

    const everything = JSON.stringify([requests, responses]);
    for (const value of Object.values(personal)) expect(everything).not.toContain(value);
    expect(everything).not.toContain('user-77');
    const wire = et.received[0]!.fields;
    for (const secret of [wire.sign, wire.aeskey, wire.sensitive_data]) expect(everything).not.toContain(secret);
    expect(everything).not.toContain('PRIVATE KEY');
    expect(everything).not.toMatch(/"(aeskey|sign|sensitive_data)"/);
  });

  // What travels encrypted is sensitive by the protocol's own account: a field the document does not describe
  // (extraFields, an open payload, a response record's extra columns) is masked, not shown because its name is new.
  it('see undocumented fields of encrypted payloads masked, in requests and responses', async () => {
    requests.length = 0;
    responses.length = 0;
    const hidden = ['E12345678', '王大明', '6222020000000000000', 'payer@example.test'];
    et.setHandler(() => ({
      kind: 'sealed',
      sensitive: [{ order_id: 'ET9', order_status: 1, payer_name: hidden[1], payer_bank_card: hidden[2] }],
    }));
    await client().createOrder({
      merchant_order_id: 'M-X',
      tuituon: '100.00',
      extraFields: { passport_number: hidden[0], guardian: { name: hidden[1], email: hidden[3] } },
    });
    expect(requests[0]!.sensitive).toEqual({
      merchant_order_id: 'M-X',
      tuituon: '100.00',
      passport_number: REDACTED,
      guardian: REDACTED,
    });
    await client().batchQueryOrders({ sensitive: { order_id: 'ET9', payer_email: hidden[3] } });
    // batch query's request fields are not in the document (an open payload): none of them is vouched for.
    expect(requests[1]!.sensitive).toEqual({ order_id: REDACTED, payer_email: REDACTED });
    expect(responses[1]!.responseSensitive).toEqual([
      { order_id: 'ET9', order_status: 1, payer_name: REDACTED, payer_bank_card: REDACTED },
    ]);
    await client().call('some_new_operation', { sensitive: { refund_order_id: 'R-1', payer_mobile: '13900000000' } });
    expect(requests[2]!.sensitive).toEqual({ refund_order_id: REDACTED, payer_mobile: REDACTED });
    const everything = JSON.stringify([requests, responses]);
    for (const value of [...hidden, '13900000000']) expect(everything).not.toContain(value);
  });

  it('see upload bytes masked', async () => {
    requests.length = 0;
    et.setHandler(() => ({ kind: 'sealed', data: [] }));
    await client().uploadAttachment({
      order_id: 'ET9',
      attachment_type: 6,
      file_name: 'wang-passport.pdf',
      file: new Uint8Array([1, 2, 3]),
    });
    expect(requests[0]!.data).toEqual({ order_id: 'ET9', attachment_type: 6, file_name: REDACTED, base64: REDACTED });
  });

  it('see each failed attempt with timing, the retry decision and the attempt number', async () => {
    requests.length = 0;
    errors.length = 0;
    et.setHandler((_request, index) =>
      index % 2 === 0 ? { kind: 'http', status: 500 } : { kind: 'sealed', data: [] },
    );
    et.received.length = 0;
    await client().getRate({});
    expect(requests.map((view) => view.attempt)).toEqual([1, 2]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      attempt: 1,
      willRetry: true,
      error: { code: 'TRANSPORT', httpStatus: 500 },
    });
    expect(errors[0]!.durationMs).toBeGreaterThan(0);
    expect(errors[0]!.retryDelayMs).toBeGreaterThanOrEqual(0);
    expect(requests[0]!.serialNumber).not.toBe(requests[1]!.serialNumber);
  });

  it('cannot break a request by throwing', async () => {
    et.setHandler(() => ({ kind: 'sealed', data: [{ pay_url: 'https://pay.example.test/x' }] }));
    const throwing = createClient({
      environment: et.url,
      ...merchant,
      keys: clientKeys,
      transport,
      hooks: {
        onRequest: () => {
          throw new Error('logger down');
        },
        onResponse: async () => {
          throw new Error('logger down');
        },
      },
    });
    await expect(throwing.getPaymentUrl({ order_id: 'ET1' })).resolves.toMatchObject({
      payUrl: 'https://pay.example.test/x',
    });
  });
});
