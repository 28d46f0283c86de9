import { ApiError, type EtClient, isEtkitClientError } from '@etkit/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, sandboxStatusCodes } from '../src/index.js';
import { clientFor } from './helpers/client.js';
import { sampleOrder, testSandbox } from './helpers/sandbox.js';

let sandbox: Sandbox;
let client: EtClient;
let inProcess: EtClient;

beforeAll(async () => {
  sandbox = await testSandbox();
  const url = await sandbox.listen(0);
  client = clientFor(sandbox, `${url}/server`);
  inProcess = clientFor(sandbox, 'http://sandbox.invalid/server', sandbox.transport);
});
afterAll(() => sandbox.close());

const apiError = async (promise: Promise<unknown>): Promise<ApiError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
};

describe('@etkit/client completes every operation against the sandbox over HTTP', () => {
  let orderId: string;

  it('create order returns an ET order id; the same merchant_order_id is idempotent', async () => {
    const created = await client.createOrder(sampleOrder);
    expect(created.statusCode).toBe('000000');
    expect(created.verified).toBe(true);
    expect(created.count).toBe(1); // one item in the response's data list
    expect(created.orderId).toMatch(/^ET\d{8}\d{8}$/);
    orderId = created.orderId!;
    const again = await client.createOrder(sampleOrder);
    expect(again.orderId).toBe(orderId);
    const conflict = await apiError(client.createOrder({ ...sampleOrder, tuituon: '1.00' }));
    expect(conflict.statusCode).toBe(sandboxStatusCodes.duplicateMerchantOrderId);
    const order = sandbox.orders.get(orderId)!;
    // 10000.00 GBP × 9.1500 + 130.50 GBP × 9.1500 = 91500.00 + 1194.08 (1194.075 rounded half up)
    expect(order.payAmount).toBe('92694.08');
    expect(order.tuition).toBe('10000.00');
  });

  it('upload attachment: five per type, the sixth is refused', async () => {
    const file = new TextEncoder().encode('%PDF-1.4 offer letter');
    for (let i = 0; i < 5; i++) {
      const result = await client.uploadAttachment({
        order_id: orderId,
        attachment_type: 1,
        file_name: `o${i}.pdf`,
        file,
      });
      expect(result.items[0]!.order_id).toBe(orderId);
      expect(result.items[0]!.extra.attachment_type).toBe('1');
    }
    const sixth = await apiError(
      client.uploadAttachment({ order_id: orderId, attachment_type: 1, file_name: 'x.pdf', file }),
    );
    expect(sixth.statusCode).toBe(sandboxStatusCodes.attachmentLimit);
    const otherType = await client.uploadAttachment({
      order_id: orderId,
      attachment_type: 6,
      file_name: 'p.jpg',
      file,
    });
    expect(otherType.statusCode).toBe('000000');
    expect(sandbox.orders.get(orderId)!.attachments).toHaveLength(6);
  });

  it('payment URL while waiting for payment, 200003 afterwards', async () => {
    const result = await client.getPaymentUrl({ order_id: orderId, merchant_user_key: 'user-42' });
    expect(result.payUrl).toBe(sandbox.payUrl(orderId));
    expect(result.payUrlField).toBe('pay_url');
    const page = await fetch(result.payUrl!);
    expect(page.status).toBe(200);
    sandbox.payOrder(orderId);
    const late = await apiError(client.getPaymentUrl({ order_id: orderId }));
    expect(late.statusCode).toBe('200003');
  });

  it('batch query returns encrypted records', async () => {
    const result = await client.batchQueryOrders({ data: { order_ids: [orderId, 'ET000'] } });
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({ order_id: orderId, merchant_order_id: 'M-1001', order_status: 1 });
    expect(result.items[0]!.extra.pay_amount).toBe('92694.08');
    // PROTOCOL.md §3 [doc]: count is the number of items in the `data` list; the provider's own sample response
    // has count 0 beside an encrypted sensitive_data. The records travel encrypted, data is [].
    expect(result.count).toBe(0);
    const byMerchantId = await client.batchQueryOrders({ sensitive: { merchant_order_ids: ['M-1001'] } });
    expect(byMerchantId.items.map((i) => i.order_id)).toEqual([orderId]);
  });

  it('exchange rate as decimal strings', async () => {
    const one = await client.getRate({ data: { currency_code: 'GBP', pay_currency_code: 'RMB' } });
    expect(one.items).toEqual([
      { extra: expect.objectContaining({ currency_code: 'GBP', pay_currency_code: 'RMB', rate: '9.1500' }) },
    ]);
    const all = await client.getRate({});
    expect(all.items.length).toBeGreaterThan(1);
    const missing = await apiError(client.getRate({ data: { currency_code: 'XYZ' } }));
    expect(missing.statusCode).toBe(sandboxStatusCodes.fieldInvalid);
  });

  it('estimate amount (sandbox_estimate_amount)', async () => {
    const result = await client.estimateAmount({ data: { currency_code: 'GBP', amount: '100.00' } });
    expect(result.items[0]!.extra).toMatchObject({ rate: '9.1500', pay_amount: '915.00', pay_currency_code: 'RMB' });
  });

  it('apply refund (sandbox_apply_refund), then complete it', async () => {
    const over = await apiError(
      client.applyRefund({ data: { order_id: orderId, refund_order_id: 'R-1', refund_amount: '99999999.00' } }),
    );
    expect(over.statusCode).toBe(sandboxStatusCodes.fieldInvalid);
    const result = await client.applyRefund({
      data: { order_id: orderId, refund_order_id: 'R-1', refund_amount: '120.50' },
    });
    expect(result.items[0]).toMatchObject({
      order_id: orderId,
      extra: { refund_order_id: 'R-1', refund_amount: '120.50' },
    });
    expect(sandbox.orders.get(orderId)!.status).toBe(-3);
    const twice = await apiError(
      client.applyRefund({ data: { order_id: orderId, refund_order_id: 'R-2', refund_amount: '1.00' } }),
    );
    expect(twice.statusCode).toBe(sandboxStatusCodes.orderStateConflict);
    expect(sandbox.completeRefund(orderId).status).toBe(-2);
  });

  it('redirect-to-ET order (merchant_jump_place_order)', async () => {
    const { name_ch, student_email, institution_name: _name, ...rest } = sampleOrder;
    const result = await client.redirectOrder({
      name_ch,
      student_email,
      // fields the public docs do not show for this operation travel as extra fields
      extraFields: { ...rest, merchant_order_id: 'M-JUMP-1' },
    });
    const item = result.items[0]!;
    expect(item.order_id).toMatch(/^ET/);
    expect(item.extra.jump_url).toBe(sandbox.payUrl(item.order_id!));
  });

  it('generic call of an unknown server_type gets a signed error', async () => {
    const error = await apiError(client.call('delete_attachment', { data: { order_id: 'x' } }));
    expect(error.statusCode).toBe(sandboxStatusCodes.unknownServerType);
    expect(isEtkitClientError(error)).toBe(true);
  });

  it('the in-process transport serves the same protocol without sockets', async () => {
    const created = await inProcess.createOrder({ ...sampleOrder, merchant_order_id: 'M-INPROC' });
    expect(created.orderId).toMatch(/^ET/);
    const url = await inProcess.getPaymentUrl({ order_id: created.orderId! });
    expect(url.payUrl).toContain(`/pay/${created.orderId}`);
  });
});
