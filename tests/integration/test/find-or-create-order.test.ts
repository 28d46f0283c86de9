// findOrCreateOrder against the sandbox ET, in process: a create whose answer is lost or late, and what the helper
// does about it. The transport below counts the creates that reach the sandbox, so "never two creates" is checked on
// the wire, not only in the sandbox's (deduplicating) order book.

import {
  createClient,
  type EtClient,
  findOrCreateOrder,
  findOrderByMerchantOrderId,
  isEtkitClientError,
  type Transport,
  TransportTimeoutError,
} from '@etkit/client';
import { createSandbox, type Sandbox } from '@etkit/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let sandbox: Sandbox;
let client: EtClient;
/** Creates that reached the sandbox's order book (answered or not). */
let createsReceived = 0;
/** Batch queries (look-ups) sent to the sandbox. */
let queriesReceived = 0;
/** When set, the next create is carried out by the sandbox but its answer never arrives: the attempt times out. */
let loseNextCreateAnswer = false;
/** When set, the next create never reaches the sandbox and its attempt times out: ET makes no order. */
let loseNextCreateOnTheWay = false;

const serverTypeOf = (body: string) => (JSON.parse(body) as { server_type?: string }).server_type;

beforeAll(async () => {
  sandbox = await createSandbox({ keyBits: 1024, log: () => {} });
  const merchant = sandbox.merchants[0]!;
  const transport: Transport = async (request) => {
    const serverType = serverTypeOf(request.body);
    if (serverType === 'batch_special_query_order_info') queriesReceived++;
    if (serverType !== 'add_special_rent_order') return sandbox.transport(request);
    if (loseNextCreateOnTheWay) {
      // The create times out before it reaches ET: ET never makes the order.
      loseNextCreateOnTheWay = false;
      throw new TransportTimeoutError('the create was lost on the way to ET (simulated)', { timeoutMs: 300 });
    }
    const lose = loseNextCreateAnswer;
    loseNextCreateAnswer = false;
    const answer = await sandbox.transport(request);
    createsReceived++;
    if (!lose) return answer;
    // ET acted on it; the answer is lost on the way back. The transport says its wait ran out at once (what a real
    // one says when its timer fires), so the test does not race a short timeout against a busy machine.
    throw new TransportTimeoutError('the answer was lost on the way back (simulated)', { timeoutMs: 300 });
  };
  client = createClient({
    environment: 'http://sandbox.invalid/server',
    merchantNumber: merchant.merchantNumber,
    subMerchantNumber: merchant.subMerchantNumbers[0]!,
    keys: { merchantPrivateKey: merchant.privateKeyPem!, etPublicKey: sandbox.etPublicKeyPem },
    transport,
    timeoutMs: 30_000,
    retry: false,
  });
}, 30_000);
afterAll(() => sandbox.close());
beforeEach(() => {
  createsReceived = 0;
  queriesReceived = 0;
  loseNextCreateAnswer = false;
  loseNextCreateOnTheWay = false;
});

let sequence = 0;
function order() {
  return {
    merchant_order_id: `M-FOC-${Date.now()}-${++sequence}`,
    merchant_user_key: 'user-42',
    country_code: 'GBR',
    currency_code: 'GBP',
    tuituon: '10000.00',
    pay_currency_code: 'RMB',
    fee_type_list: [{ fee_type: 7, fee_type_desc: '房租' }],
  };
}

const fast = { lookups: 2, lookupDelayMs: 20 };

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('findOrCreateOrder (sandbox, in process)', () => {
  it('returns the created order when the create answers', async () => {
    const input = order();
    const result = await findOrCreateOrder(client, input, fast);
    expect(result).toMatchObject({ source: 'created', merchantOrderId: input.merchant_order_id, unknownOutcomes: [] });
    expect(result.orderId).toMatch(/\S/);
    expect(result.created?.orderId).toBe(result.orderId);
    const held = await findOrderByMerchantOrderId(client, input.merchant_order_id);
    expect(held.map((record) => record.order_id)).toEqual([result.orderId]);
    expect(createsReceived).toBe(1);
  });

  it('finds the order when the create timed out after ET made it, without creating it again', async () => {
    const input = order();
    loseNextCreateAnswer = true;
    const result = await findOrCreateOrder(client, input, { ...fast, resendWhenAbsent: true });
    expect(result.source).toBe('found');
    expect(result.unknownOutcomes.map((error) => error.reason)).toEqual(['TIMEOUT']);
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({ merchant_order_id: input.merchant_order_id, order_status: 0 });
    expect(queriesReceived).toBe(1);
    expect(result.orderId).toBe(result.records[0]!.order_id);
    expect(createsReceived).toBe(1);
  });

  it('when the create timed out before ET made it: by default sends no second create and says so', async () => {
    const input = order();
    loseNextCreateOnTheWay = true;
    const error = await caught(findOrCreateOrder(client, input, fast));
    expect(isEtkitClientError(error, 'ORDER_STILL_UNKNOWN')).toBe(true);
    if (!isEtkitClientError(error, 'ORDER_STILL_UNKNOWN')) return;
    expect(error).toMatchObject({ merchantOrderId: input.merchant_order_id, lastLookup: 'absent', lookups: 2 });
    expect(error.createSerialNumbers).toHaveLength(1);
    expect(isEtkitClientError(error.cause, 'OUTCOME_UNKNOWN')).toBe(true);
    expect(createsReceived).toBe(0);
    expect(await findOrderByMerchantOrderId(client, input.merchant_order_id)).toEqual([]);
  });

  it('…and with resendWhenAbsent (the account deduplicates merchant order ids) creates it, once', async () => {
    const input = order();
    loseNextCreateOnTheWay = true;
    const result = await findOrCreateOrder(client, input, { ...fast, resendWhenAbsent: true });
    expect(result.source).toBe('created');
    expect(result.unknownOutcomes.map((error) => error.reason)).toEqual(['TIMEOUT']);
    expect(createsReceived).toBe(1);
    const held = await findOrderByMerchantOrderId(client, input.merchant_order_id);
    expect(held.map((record) => record.order_id)).toEqual([result.orderId]);
  });

  it('throws ORDER_STILL_UNKNOWN, with what a later retry needs, when no look-up gets through', async () => {
    const input = order();
    // The create and both look-ups lose their connection before the sandbox reads them.
    sandbox.injectFault({ dropConnection: true }, { count: 3 });
    const error = await caught(findOrCreateOrder(client, input, fast));
    expect(isEtkitClientError(error, 'ORDER_STILL_UNKNOWN')).toBe(true);
    if (!isEtkitClientError(error, 'ORDER_STILL_UNKNOWN')) return;
    expect(error).toMatchObject({
      code: 'ORDER_STILL_UNKNOWN',
      merchantOrderId: input.merchant_order_id,
      lastLookup: 'failed',
      lookups: 2,
      mayHaveReachedEt: true,
    });
    expect(error.createSerialNumbers).toHaveLength(1);
    expect(isEtkitClientError(error.cause)).toBe(true);
    expect(error.message).not.toContain(input.merchant_user_key);
    // The retry it asks for: look again later by the merchant order id. Here the create never landed.
    expect(await findOrderByMerchantOrderId(client, input.merchant_order_id)).toEqual([]);
    expect(createsReceived).toBe(0);
  });

  it('passes any other failure of the create through unchanged, without looking anything up', async () => {
    const input = order();
    await findOrCreateOrder(client, input, fast);
    // The same merchant order id with another amount: the sandbox refuses it (a business error, not unknown).
    const error = await caught(findOrCreateOrder(client, { ...input, tuituon: '1.00' }, fast));
    expect(isEtkitClientError(error, 'API_ERROR')).toBe(true);
    const missing = await caught(findOrCreateOrder(client, { ...input, merchant_order_id: '' }, fast));
    expect(isEtkitClientError(missing, 'VALIDATION')).toBe(true);
    // The first create and the refused one reached the sandbox; the one without a merchant order id was not sent.
    expect(createsReceived).toBe(2);
    expect(queriesReceived).toBe(0);
  });
});
