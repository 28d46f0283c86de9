// The client's typed result items against the sandbox ET, in process: one order read through every operation.

import { createClient, type EtClient, type ResultItem } from '@etkit/client';
import { createSandbox, type Sandbox, sandboxServerTypes } from '@etkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let sandbox: Sandbox;
let client: EtClient;

beforeAll(async () => {
  sandbox = await createSandbox({ keyBits: 1024, log: () => {} });
  const merchant = sandbox.merchants[0]!;
  client = createClient({
    environment: 'http://sandbox.invalid/server',
    merchantNumber: merchant.merchantNumber,
    subMerchantNumber: merchant.subMerchantNumbers[0]!,
    keys: { merchantPrivateKey: merchant.privateKeyPem!, etPublicKey: sandbox.etPublicKeyPem },
    profile: { serverTypes: { applyRefund: sandboxServerTypes.applyRefund } },
    // The sandbox in this process: no sockets.
    transport: sandbox.transport,
    retry: false,
  });
}, 30_000);
afterAll(() => sandbox.close());

const order = {
  merchant_order_id: 'M-TYPES-1',
  merchant_user_key: 'user-42',
  country_code: 'GBR',
  currency_code: 'GBP',
  tuituon: '10000.00',
  merchant_service_fee: '130.50',
  pay_currency_code: 'RMB',
  name_ch: '测试',
  fee_type_list: [{ fee_type: 7, fee_type_desc: '房租' }],
};

/**
 * The typed fields two reads of one order share must hold the same value of the same type. (Untyped fields may mean
 * different things per operation: a refund answer's refund_amount is the amount asked, a query's the amount refunded.)
 */
function expectSameSharedFields(a: ResultItem, b: ResultItem): void {
  const typed = (item: ResultItem) => Object.entries(item).filter(([name]) => name !== 'extra');
  const other = new Map(typed(b));
  let shared = 0;
  for (const [name, value] of typed(a)) {
    if (!other.has(name)) continue;
    shared++;
    expect({ [name]: typeof value }).toEqual({ [name]: typeof other.get(name) });
    expect({ [name]: value }).toEqual({ [name]: other.get(name) });
  }
  expect(shared).toBeGreaterThan(0);
}

describe('one order read through every operation that returns it (sandbox, in process)', () => {
  it('gives each field the same type and value: order_status is an OrderStatus number everywhere', async () => {
    const created = await client.createOrder(order);
    const orderId = created.orderId!;
    const query = async () => {
      const result = await client.batchQueryOrders({ data: { order_ids: [orderId] } });
      expect(result.items).toHaveLength(1);
      return result.items[0]!;
    };

    // Waiting for payment: create order and batch query agree (the wire had 0 in both, read once as text).
    const queried = await query();
    expect(created.items[0]!.order_status).toBe(0);
    expect(queried.order_status).toBe(0);
    expectSameSharedFields(created.items[0]!, queried);
    expect(queried).toMatchObject({ order_id: orderId, merchant_order_id: order.merchant_order_id });

    const url = await client.getPaymentUrl({ order_id: orderId });
    expect(url.items[0]!.pay_url).toBe(url.payUrl);
    expectSameSharedFields(url.items[0]!, queried);

    // Paid, then a refund applied: the refund answer and the query agree on the new status.
    sandbox.payOrder(orderId);
    expect((await query()).order_status).toBe(1);
    const refund = await client.applyRefund({
      data: { order_id: orderId, refund_order_id: 'R-TYPES-1', refund_amount: '120.50' },
    });
    const afterRefund = await query();
    expect(refund.items[0]!.order_status).toBe(-3);
    expectSameSharedFields(refund.items[0]!, afterRefund);

    // The same order created again (same merchant_order_id) reads the same as the query too.
    const redirected = await client.redirectOrder({ extraFields: { ...order, merchant_order_id: 'M-TYPES-2' } });
    const redirectedId = redirected.items[0]!.order_id!;
    const redirectedQuery = await client.batchQueryOrders({ data: { order_ids: [redirectedId] } });
    expectSameSharedFields(redirected.items[0]!, redirectedQuery.items[0]!);
  });

  it('keeps every field of the wire record: the typed ones, and the rest in extra as decimal or ET text', async () => {
    const created = await client.createOrder({ ...order, merchant_order_id: 'M-TYPES-3' });
    const typedItem = (await client.batchQueryOrders({ data: { order_ids: [created.orderId!] } })).items[0]!;
    // The same answer through the generic call: the opened record as decoded.
    const raw = await client.call('batch_special_query_order_info', {
      data: { order_ids: [created.orderId!] },
      idempotent: true,
    });
    const record = (raw.sensitive as Record<string, unknown>[])[0]!;
    const { extra, ...typed } = typedItem;
    expect(new Set([...Object.keys(typed), ...Object.keys(extra)])).toEqual(new Set(Object.keys(record)));
    for (const [name, value] of Object.entries(extra)) expect({ [name]: value }).toEqual({ [name]: record[name] });
    expect(Object.keys(typed).sort()).toEqual(['merchant_order_id', 'order_id', 'order_status']);
    // amounts as their decimal text, dates as ET's text
    expect(extra.tuition).toBe('10000.00');
    expect(extra.create_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });
});
