import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { books, createOrderViaForm, deliver } from './support/orders.js';
import { type Stack, startStack } from './support/stack.js';

// Issue 17's reproduction, without any crash: pay, start a refund, the refund fails, all within one second;
// every notification delivered in order, one at a time. ET says 1 (paid); the site used to say -3 (refunding),
// because it ordered same-second events by a stage ranking in which refunding outranks paid.
describe.each(databaseKinds)('ET’s truth, with the sandbox (%s)', (kind) => {
  let stack: Stack;
  // The sandbox's clock stands still while the test acts, so every action falls in the same second.
  let frozenAt = 0;
  const clock = { now: () => frozenAt };

  beforeAll(async () => {
    frozenAt = Date.now();
    // Notifications go nowhere by themselves (a dead address): the test delivers each one, in order. PGlite
    // starts from a copy of the ready-made data directory (initdb in `memory://` would be most of the file's CPU).
    stack = await startStack(kind, {
      publicUrl: 'http://127.0.0.1:9',
      clock,
      checkDelayMs: 50,
      pgliteFromTemplate: true,
    });
  }, 90_000);

  afterAll(async () => {
    await stack?.close();
  });

  /** Runs `act` at 0.1 s into a fresh second of sandbox time, then delivers the order's notifications in order. */
  async function inOneSecond(etOrderId: string, act: () => void) {
    frozenAt = Math.floor(Date.now() / 1000) * 1000 + 100;
    act();
    const records = stack.sandbox.notifications.list().filter((record) => record.orderId === etOrderId);
    const times = new Set(
      records.map((record) => record.fields.datetime ?? record.fields.pay_datetime ?? record.fields.refund_datetime),
    );
    expect(times.size).toBe(1);
    for (const record of records) {
      const answer = await deliver(stack.site.url, stack.salt, record);
      expect(answer.status).toBe(200);
    }
    frozenAt = Date.now();
    return records.map((record) => record.fields.order_status ?? record.kind);
  }

  it('a refund that fails in the same second as the payment leaves the order paid, as ET says', async () => {
    const { etOrderId } = await createOrderViaForm(stack, '1500.00');
    const sent = await inOneSecond(etOrderId, () => {
      stack.sandbox.payOrder(etOrderId);
      stack.sandbox.refundOrder(etOrderId, { amount: '200.00', refundOrderId: `RF-${etOrderId}` });
      stack.sandbox.completeRefund(etOrderId, { success: false });
    });
    expect(sent).toEqual(['payment_result', '1', '-3', 'refund_result', '1']);
    const et = stack.sandbox.orders.get(etOrderId)!;
    expect(et.status).toBe(1);
    // The check the site asks for itself, shortly after the notifications that could not be ordered.
    await expect.poll(async () => (await books(stack.site.db, etOrderId))?.status, { timeout: 10_000 }).toBe(1);
    expect(await books(stack.site.db, etOrderId)).toEqual({
      status: 1,
      refunded: '0',
      payments: 1,
      paid: et.payAmount,
    });
  }, 30_000);

  it('a refund that succeeds in the same second ends refunded, with the refunded amount counted once', async () => {
    const { etOrderId } = await createOrderViaForm(stack, '2500.00');
    await inOneSecond(etOrderId, () => {
      stack.sandbox.payOrder(etOrderId);
      stack.sandbox.refundOrder(etOrderId, { amount: '300.50', refundOrderId: `RF-${etOrderId}` });
      stack.sandbox.completeRefund(etOrderId, { success: true });
    });
    expect(stack.sandbox.orders.get(etOrderId)!.status).toBe(-2);
    await expect.poll(async () => (await books(stack.site.db, etOrderId))?.status, { timeout: 10_000 }).toBe(-2);
    const state = await books(stack.site.db, etOrderId);
    expect(state).toMatchObject({ status: -2, refunded: '300.50', payments: 1 });
    // A full pass finds nothing more to change.
    const report = await stack.site.reconcile({ olderThanMs: 0 });
    expect(report.changed).toEqual([]);
    expect(report.discrepancies).toEqual([]);
  }, 30_000);

  it('a paid order whose payment notification is lost gets its payment from a check (it once had none)', async () => {
    const { etOrderId } = await createOrderViaForm(stack, '3100.00');
    frozenAt = Date.now();
    stack.sandbox.payOrder(etOrderId);
    frozenAt += 1_000;
    stack.sandbox.advanceOrder(etOrderId);
    frozenAt = Date.now();
    // Only the status changes arrive: the site knows the order is paid, not what was paid.
    for (const record of stack.sandbox.notifications.list()) {
      if (record.orderId === etOrderId && record.kind === 'order_status_change') {
        expect((await deliver(stack.site.url, stack.salt, record)).status).toBe(200);
      }
    }
    expect(await books(stack.site.db, etOrderId)).toMatchObject({ status: 2, payments: 0 });
    // Paid and remitting is not final: the periodic pass asks ET about it (it used to ask about status 0 only).
    const report = await stack.site.reconcile({ olderThanMs: 0 });
    expect(report.discrepancies).toEqual([]);
    const et = stack.sandbox.orders.get(etOrderId)!;
    expect(await books(stack.site.db, etOrderId)).toEqual({
      status: 2,
      refunded: '0',
      payments: 1,
      paid: et.payAmount,
    });
  }, 30_000);

  it('a refund whose result notification comes after a check counted it is counted once', async () => {
    const { etOrderId } = await createOrderViaForm(stack, '4100.00');
    frozenAt = Date.now();
    stack.sandbox.payOrder(etOrderId);
    frozenAt += 1_000;
    stack.sandbox.refundOrder(etOrderId, { amount: '410.10', refundOrderId: `RF-${etOrderId}` });
    frozenAt += 1_000;
    stack.sandbox.completeRefund(etOrderId, { success: true });
    frozenAt = Date.now();
    const records = stack.sandbox.notifications.list().filter((record) => record.orderId === etOrderId);
    const refundResult = records.find((record) => record.kind === 'refund_result')!;
    for (const record of records) {
      if (record !== refundResult) expect((await deliver(stack.site.url, stack.salt, record)).status).toBe(200);
    }
    // The status says refunded; the check reads ET's refunded total and records it.
    await expect
      .poll(async () => (await books(stack.site.db, etOrderId))?.refunded, { timeout: 10_000 })
      .toBe('410.10');
    // The late refund notification takes the checked amount's place instead of adding to it.
    expect((await deliver(stack.site.url, stack.salt, refundResult)).status).toBe(200);
    expect(await books(stack.site.db, etOrderId)).toMatchObject({ status: -2, refunded: '410.10', payments: 1 });
    const rows = await stack.site.db.query<{ source: string; amount: string }>(
      'SELECT source, refund_amount::text AS amount FROM refunds WHERE et_order_id = $1 AND refund_result = 1',
      [etOrderId],
    );
    expect(rows).toEqual([{ source: 'notification', amount: '410.10' }]);
    await expect
      .poll(async () => (await stack.site.reconcile({ olderThanMs: 0 })).changed.length, { timeout: 10_000 })
      .toBe(0);
    expect((await books(stack.site.db, etOrderId))?.refunded).toBe('410.10');
  }, 30_000);
  it('records what each notification did in the inbox and counts each change of the order once', async () => {
    const { etOrderId } = await createOrderViaForm(stack, '1700.00');
    const seq = async () =>
      (
        await stack.site.db.query<{ change: number; check: number }>(
          'SELECT change_seq::int AS change, check_wanted_seq::int AS check FROM orders WHERE et_order_id = $1',
          [etOrderId],
        )
      )[0]!;
    const before = await seq();
    frozenAt = Date.now();
    stack.sandbox.payOrder(etOrderId);
    const payment = stack.sandbox.notifications
      .list()
      .find((record) => record.orderId === etOrderId && record.kind === 'payment_result')!;
    expect((await deliver(stack.site.url, stack.salt, payment)).status).toBe(200);
    const outcomes = await stack.site.db.query<{ outcome: string }>(
      "SELECT outcome FROM notification_inbox WHERE et_order_id = $1 AND kind = 'payment_result'",
      [etOrderId],
    );
    expect(outcomes).toEqual([{ outcome: 'payment recorded; status → 1' }]);
    const after = await seq();
    expect(after.change).toBe(before.change + 1);
    // A first payment with a readable time settles the status by itself: no check asked.
    expect(after.check).toBe(before.check);
    // The resend changes nothing and counts nothing.
    expect((await deliver(stack.site.url, stack.salt, payment)).status).toBe(200);
    expect(await seq()).toEqual(after);
  }, 30_000);
});
