import { verifyNotification } from '@etkit/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { maxDeliveries, notificationResendOffsetsMs, type Sandbox, SandboxStateError } from '../src/index.js';
import { manualTimeSource, sampleOrder, testSandbox } from './helpers/sandbox.js';

const minute = 60_000;
const day = 24 * 60 * minute;

/** A fake merchant endpoint: records bodies and answers per a script. */
function fakeFetch(answer: (call: number) => { status: number; body: string } | 'network-error') {
  const calls: Array<{ url: string; body: string; contentType: string }> = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    calls.push({ url: String(input), body: String(init?.body), contentType: headers.get('content-type') ?? '' });
    const result = answer(calls.length);
    if (result === 'network-error') throw new TypeError('fetch failed');
    return new Response(result.body, { status: result.status });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const ok = { status: 200, body: '{"notify_result":"OK"}' };
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function createOrder(s: Sandbox, extra: Record<string, unknown> = {}) {
  const { sealRequest, openResponse } = await import('@etkit/crypto');
  const merchant = s.merchants[0]!;
  const envelope = await sealRequest(
    {
      server_type: 'add_special_rent_order',
      merchant_number: merchant.merchantNumber,
      sub_merchant_number: merchant.subMerchantNumbers[0]!,
    },
    {
      merchantPrivateKey: merchant.privateKeyPem!,
      etPublicKey: s.etPublicKeyPem,
      sensitive: {
        ...sampleOrder,
        notify_url: 'https://merchant.example.test/pay',
        status_change_notify_url: 'https://merchant.example.test/status',
        ...extra,
      },
    },
  );
  const opened = await openResponse(await s.handle(JSON.stringify(envelope)), {
    etPublicKey: s.etPublicKeyPem,
    merchantPrivateKey: merchant.privateKeyPem!,
  });
  expect(opened.statusCode).toBe('000000');
  return (opened.data as Array<{ order_id: string }>)[0]!.order_id;
}

describe('order state machine', () => {
  it('closes an unpaid order after 7 days on the injectable clock, with a status change', async () => {
    const time = manualTimeSource();
    const merchantEndpoint = fakeFetch(() => ok);
    sandbox = await testSandbox({ clock: time, fetch: merchantEndpoint.fetch, timeScale: 1 });
    const orderId = await createOrder(sandbox);
    await sandbox.clock.advance(7 * day - 1);
    expect(sandbox.orders.get(orderId)!.status).toBe(0);
    await sandbox.clock.advance(1);
    expect(sandbox.orders.get(orderId)!.status).toBe(-1);
    await sandbox.notifications.settled();
    const closed = merchantEndpoint.calls.find((c) => c.body.includes('"order_status":"-1"'));
    expect(closed).toBeDefined();
    expect(() => sandbox!.payOrder(orderId)).toThrow(SandboxStateError);
    // ordering again with the same merchant_order_id is allowed once the first order closed
    const second = await createOrder(sandbox);
    expect(second).not.toBe(orderId);
  });

  it('refuses a refund amount with more than two decimals rather than rounding it (0.004 is not a 0.00 refund)', async () => {
    sandbox = await testSandbox({ fetch: fakeFetch(() => ok).fetch });
    const orderId = await createOrder(sandbox);
    sandbox.payOrder(orderId);
    for (const amount of ['0.004', '0.005', '1.999', '120.501']) {
      expect(() => sandbox!.refundOrder(orderId, { amount })).toThrow(/refund amount/);
    }
    expect(sandbox.orders.get(orderId)!.refunds).toEqual([]);
    expect(sandbox.refundOrder(orderId, { amount: '120.5' }).refunds[0]!.amount).toBe('120.50');
  });

  it('walks 0 → 1 → 2 → 3 → 4, refunds -3 → -2, and rejects moves the machine does not have', async () => {
    sandbox = await testSandbox({ fetch: fakeFetch(() => ok).fetch });
    sandbox.merchants[0]!.notifyUrl = 'https://merchant.example.test/account';
    const orderId = await createOrder(sandbox);
    expect(() => sandbox!.advanceOrder(orderId)).toThrow(/advance needs 1, 2 or 3/);
    expect(() => sandbox!.refundOrder(orderId)).toThrow(SandboxStateError);
    sandbox.failOrder(orderId);
    expect(sandbox.orders.get(orderId)!.status).toBe(0);
    sandbox.payOrder(orderId);
    expect(sandbox.advanceOrder(orderId).status).toBe(2);
    expect(sandbox.advanceOrder(orderId).status).toBe(3);
    expect(sandbox.advanceOrder(orderId).status).toBe(4);
    expect(() => sandbox!.advanceOrder(orderId)).toThrow(SandboxStateError);
    expect(() => sandbox!.refundOrder(orderId, { amount: '0' })).toThrow(/refund amount/);
    expect(sandbox.refundOrder(orderId, { amount: '120.5', refundOrderId: 'R-7' }).status).toBe(-3);
    expect(sandbox.completeRefund(orderId, { success: false }).status).toBe(4);
    sandbox.refundOrder(orderId, { refundOrderId: 'R-8' });
    const refunded = sandbox.completeRefund(orderId);
    expect(refunded.status).toBe(-2);
    expect(refunded.history.map((h) => h.status)).toEqual([0, 1, 2, 3, 4, -3, 4, -3, -2]);
    await sandbox.notifications.settled();
    const kinds = sandbox.notifications.list().map((d) => d.kind);
    expect(kinds.filter((k) => k === 'payment_result')).toHaveLength(2); // one failed payment, one success
    expect(kinds.filter((k) => k === 'remittance_voucher')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'refund_result')).toHaveLength(2);
    const refundResults = sandbox.notifications.list().filter((d) => d.kind === 'refund_result');
    expect(
      refundResults.map((d) => [d.fields.refund_result, d.fields.refund_amount, d.fields.refund_order_id]),
    ).toEqual([
      ['0', '120.50', 'R-7'],
      ['1', '92694.08', 'R-8'],
    ]);
    expect(sandbox.notifications.list().find((d) => d.kind === 'remittance_voucher')!.url).toBe(
      'https://merchant.example.test/account',
    );
  });
});

describe('notification delivery', () => {
  it('resends on ET schedule (1, 5, 10, 30, 60, 120 min after the first failure): 7 deliveries, then gives up', async () => {
    const time = manualTimeSource();
    const endpoint = fakeFetch((call) => (call % 2 ? { status: 500, body: 'down' } : 'network-error'));
    sandbox = await testSandbox({ clock: time, fetch: endpoint.fetch });
    const orderId = await createOrder(sandbox, { status_change_notify_url: '' });
    const start = sandbox.clock.now();
    sandbox.payOrder(orderId);
    await sandbox.notifications.settled();
    expect(endpoint.calls).toHaveLength(1);
    await sandbox.clock.advance(59_999);
    expect(endpoint.calls).toHaveLength(1);
    await sandbox.clock.advance(1);
    expect(endpoint.calls).toHaveLength(2);
    await sandbox.clock.advance(3 * 60 * minute);
    expect(endpoint.calls).toHaveLength(maxDeliveries);
    const [delivery] = sandbox.notifications.list();
    expect(delivery!.state).toBe('gave-up');
    expect(delivery!.attempts.map((a) => a.at - start)).toEqual([0, ...notificationResendOffsetsMs]);
    expect(notificationResendOffsetsMs).toEqual([1, 5, 10, 30, 60, 120].map((m) => m * minute));
    expect(delivery!.attempts.map((a) => a.outcome)).toEqual([
      'rejected',
      'error',
      'rejected',
      'error',
      'rejected',
      'error',
      'rejected',
    ]);
    // every resend is the same signed notification
    expect(new Set(endpoint.calls.map((c) => c.body)).size).toBe(1);
  });

  it('stops at the first {"notify_result":"OK"}; other answers do not count', async () => {
    const time = manualTimeSource();
    const answers = [{ status: 200, body: 'OK' }, { status: 200, body: '{"notify_result":"FAIL"}' }, ok];
    const endpoint = fakeFetch((call) => answers[call - 1] ?? ok);
    sandbox = await testSandbox({ clock: time, fetch: endpoint.fetch });
    const orderId = await createOrder(sandbox, { status_change_notify_url: '' });
    sandbox.payOrder(orderId);
    await sandbox.clock.advance(10 * minute);
    expect(endpoint.calls).toHaveLength(3);
    expect(sandbox.notifications.list()[0]!.state).toBe('delivered');
    await sandbox.clock.advance(200 * minute);
    expect(endpoint.calls).toHaveLength(3);
  });

  it('signs with the merchant salt; JSON keeps amounts as numbers with their text, form encoding is configurable', async () => {
    const endpoint = fakeFetch(() => ok);
    sandbox = await testSandbox({ fetch: endpoint.fetch });
    const merchant = sandbox.merchants[0]!;
    const first = await createOrder(sandbox, { status_change_notify_url: '' });
    sandbox.payOrder(first);
    await sandbox.notifications.settled();
    const json = endpoint.calls[0]!;
    expect(json.contentType).toContain('application/json');
    expect(json.body).toContain('"pay_amount":92694.08');
    expect(json.body).toContain('"pay_result":1');
    const { parseRawJsonObject } = await import('@etkit/crypto');
    const fields = Object.fromEntries(Object.entries(parseRawJsonObject(json.body)).map(([k, v]) => [k, v.text]));
    expect(verifyNotification(fields, merchant.salt)).toBe(true);
    expect(verifyNotification(fields, 'other-salt')).toBe(false);

    merchant.notificationEncoding = 'form';
    const second = await createOrder(sandbox, { merchant_order_id: 'M-FORM', status_change_notify_url: '' });
    sandbox.payOrder(second);
    await sandbox.notifications.settled();
    const form = endpoint.calls[1]!;
    expect(form.contentType).toBe('application/x-www-form-urlencoded');
    const formFields = Object.fromEntries(new URLSearchParams(form.body));
    expect(formFields.pay_datetime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(verifyNotification(formFields, merchant.salt)).toBe(true);
  });

  it('a refund acknowledgement that carries a sign must verify and name the refunded order', async () => {
    const time = manualTimeSource();
    let answer = '';
    const endpoint = fakeFetch(() => ({ status: 200, body: answer }));
    sandbox = await testSandbox({ clock: time, fetch: endpoint.fetch });
    sandbox.merchants[0]!.notifyUrl = 'https://merchant.example.test/account';
    const orderId = await createOrder(sandbox, { notify_url: '', status_change_notify_url: '' });
    const { signNotification } = await import('@etkit/crypto');
    const salt = sandbox.merchants[0]!.salt;
    answer = JSON.stringify({ order_id: orderId, notify_result: 'OK', sign: '00000000000000000000000000000000' });
    sandbox.payOrder(orderId);
    sandbox.refundOrder(orderId);
    sandbox.completeRefund(orderId);
    await sandbox.notifications.settled();
    const refund = () => sandbox!.notifications.list().find((d) => d.kind === 'refund_result')!;
    expect(refund().attempts[0]).toMatchObject({ outcome: 'rejected', reason: 'acknowledgement signature invalid' });
    // Correctly signed, but for another order: it does not acknowledge this one.
    const other = 'ET-OTHER-ORDER';
    answer = JSON.stringify({
      order_id: other,
      notify_result: 'OK',
      sign: signNotification({ order_id: other, notify_result: 'OK' }, salt),
    });
    await sandbox.clock.advance(minute);
    expect(refund().attempts[1]).toMatchObject({ outcome: 'rejected', reason: 'acknowledgement names another order' });
    const sign = signNotification({ order_id: orderId, notify_result: 'OK' }, salt);
    answer = JSON.stringify({ order_id: orderId, notify_result: 'OK', sign });
    await sandbox.clock.advance(4 * minute);
    expect(refund().state).toBe('delivered');
  });

  it('sends only to http(s) URLs the merchant configured', async () => {
    const endpoint = fakeFetch(() => ok);
    sandbox = await testSandbox({ fetch: endpoint.fetch });
    const orderId = await createOrder(sandbox, { notify_url: '', status_change_notify_url: '' });
    sandbox.payOrder(orderId);
    await sandbox.notifications.settled();
    expect(endpoint.calls).toHaveLength(0);
  });
});
