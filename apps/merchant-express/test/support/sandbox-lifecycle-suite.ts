import { buildNotification } from '@etkit/notify/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { merchantUserKeyOf } from '../../src/gateway.js';
import { insertOrder, markOrderCreated } from '../../src/orders/repository.js';
import type { DatabaseKind } from './databases.js';
import { type Stack, startStack } from './stack.js';

/** Creates an order through the site's own form endpoint, as a browser would; returns both order ids. */
async function createOrderViaForm(stack: Stack, amount: string) {
  const response = await fetch(`${stack.site.url}/orders`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: stack.cookie },
    body: new URLSearchParams({
      studentFirstName: 'Arjun',
      studentLastName: 'Rao',
      studentEmail: 'arjun.rao@example.test',
      schoolName: 'University of Glasgow',
      countryCode: 'GBR',
      feeType: '7',
      amount,
      currencyCode: 'GBP',
    }),
  });
  expect(response.status).toBe(303);
  const merchantOrderId = response.headers.get('location')!.split('/').pop()!;
  const [row] = await stack.site.db.query<{ et_order_id: string | null; create_error: string | null }>(
    'SELECT et_order_id, create_error FROM orders WHERE merchant_order_id = $1',
    [merchantOrderId],
  );
  expect(row?.create_error).toBeNull();
  return { merchantOrderId, etOrderId: row!.et_order_id! };
}

async function orderState(stack: Stack, etOrderId: string) {
  const [order] = await stack.site.db.query(
    `SELECT status, refunded_amount::text AS refunded, voucher_url IS NOT NULL AS has_voucher,
            (SELECT count(*)::int FROM payments p WHERE p.et_order_id = o.et_order_id) AS payments,
            (SELECT count(*)::int FROM refunds r WHERE r.et_order_id = o.et_order_id) AS refunds
     FROM orders o WHERE et_order_id = $1`,
    [etOrderId],
  );
  return order;
}

/**
 * The site against the sandbox on one database. One test file per database (sandbox-lifecycle-*.test.ts), so the
 * two stacks (each with its site, sandbox and, for PGlite, the database itself in the test's process) run in two
 * workers side by side; they used to share one file's thread. The tests of a stack run one after another: they
 * share its sandbox and its fault settings.
 */
export function sandboxLifecycleSuite(kind: DatabaseKind): void {
  describe(`with the sandbox (${kind})`, () => {
    let stack: Stack;

    beforeAll(async () => {
      // PGlite in a copy of the tests' ready-made data directory: initdb is not what these tests are about.
      stack = await startStack(kind, { pgliteFromTemplate: true });
    }, 90_000);

    afterAll(async () => {
      await stack?.close();
    });

    it.sequential('reaches the right final states when the sandbox reorders every notification and each is then delivered again, newest first', async () => {
      const { sandbox } = stack;
      const merchant = sandbox.merchants[0]!;
      const remitted = await createOrderViaForm(stack, '12000.00');
      const refunded = await createOrderViaForm(stack, '800.50');

      merchant.faults = { reorderNotifications: true };
      sandbox.payOrder(remitted.etOrderId);
      sandbox.advanceOrder(remitted.etOrderId); // 2
      sandbox.advanceOrder(remitted.etOrderId); // 3, with a remittance voucher
      sandbox.advanceOrder(remitted.etOrderId); // 4
      sandbox.payOrder(refunded.etOrderId);
      sandbox.refundOrder(refunded.etOrderId, { amount: '300.25', refundOrderId: 'RF-1' });
      sandbox.completeRefund(refunded.etOrderId);
      sandbox.notifications.releaseHeld();
      await sandbox.notifications.settled();
      merchant.faults = {};

      const deliveries = sandbox.notifications
        .list()
        .filter((record) => [remitted.etOrderId, refunded.etOrderId].includes(record.orderId));
      expect(deliveries.every((record) => record.state === 'delivered')).toBe(true);
      // Held in pairs and released newest first: some notification reached the site before an older one.
      // By the sandbox's attempt sequence, not the clock: a pair goes out within the same millisecond.
      const firstAttempt = (record: (typeof deliveries)[number]) => record.attempts[0]!.sequence!;
      expect(
        deliveries.some((record, index) => index > 0 && firstAttempt(record) < firstAttempt(deliveries[index - 1]!)),
      ).toBe(true);

      // ET's resends: every notification once more, newest first.
      for (const record of [...deliveries].reverse()) {
        const built = buildNotification({ salt: stack.salt, kind: undefined, fields: record.fields, encoding: 'form' });
        const response = await fetch(`${stack.site.url}/notifications`, {
          method: 'POST',
          headers: { 'content-type': built.contentType },
          body: built.body,
        });
        expect(response.status).toBe(200);
      }

      expect(await orderState(stack, remitted.etOrderId)).toEqual({
        status: 4,
        refunded: '0',
        has_voucher: true,
        payments: 1,
        refunds: 0,
      });
      expect(await orderState(stack, refunded.etOrderId)).toEqual({
        status: -2,
        refunded: '300.25',
        has_voucher: false,
        payments: 1,
        refunds: 1,
      });
      const [inbox] = await stack.site.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM notification_inbox WHERE et_order_id = ANY($1::text[])',
        [[remitted.etOrderId, refunded.etOrderId]],
      );
      expect(inbox!.n).toBe(deliveries.length);
      const doubled = await stack.site.db.query(
        'SELECT dedupe_key FROM order_events GROUP BY dedupe_key, effect HAVING count(*) > 1',
      );
      expect(doubled).toEqual([]);
    }, 30_000);

    it.sequential('reconciles an order whose notifications never arrive, and a late notification changes nothing more', async () => {
      const { sandbox, site } = stack;
      // An order whose notification URLs lead nowhere, as if ET could not reach the site.
      const merchantOrderId = `LOST-${kind}`;
      const lost = 'http://127.0.0.1:9/notifications';
      const order = {
        studentFirstName: 'Sofia',
        studentLastName: 'Marin',
        studentEmail: 'sofia.marin@example.test',
        schoolName: 'University of Bristol',
        countryCode: 'GBR',
        feeType: 7,
        amount: '4300.00',
        currencyCode: 'GBP',
      };
      await insertOrder(site.db, merchantOrderId, order);
      const { etOrderId } = await site.gateway.createOrder({
        ...order,
        merchantOrderId,
        merchantUserKey: merchantUserKeyOf(merchantOrderId),
        notifyUrl: lost,
        statusChangeNotifyUrl: lost,
        backJumpUrl: `${site.url}/orders/${merchantOrderId}`,
      });
      await markOrderCreated(site.db, merchantOrderId, etOrderId);

      sandbox.payOrder(etOrderId);
      await sandbox.notifications.settled();
      expect((await orderState(stack, etOrderId))?.status).toBe(0);

      // Too recent for the configured delay: left alone.
      const early = await site.reconcile({ olderThanMs: 60_000 });
      expect(early.changed).not.toContain(merchantOrderId);
      expect((await orderState(stack, etOrderId))?.status).toBe(0);
      const report = await site.reconcile({ olderThanMs: 0 });
      expect(report.changed).toContain(merchantOrderId);
      expect(await orderState(stack, etOrderId)).toEqual({
        status: 1,
        refunded: '0',
        has_voucher: false,
        payments: 1,
        refunds: 0,
      });
      const [payment] = await site.db.query(
        'SELECT source, pay_amount::text AS amount FROM payments WHERE et_order_id = $1',
        [etOrderId],
      );
      expect(payment).toEqual({ source: 'reconciliation', amount: sandbox.orders.get(etOrderId)!.payAmount });

      // Paid is not final (a refund may follow), so the order is checked again; nothing is left to change. Then
      // the payment notification finally arrives.
      const again = await site.reconcile({ olderThanMs: 0 });
      expect(again.changed).not.toContain(merchantOrderId);
      expect(again.discrepancies).toEqual([]);
      const paymentNotice = sandbox.notifications
        .list()
        .find((r) => r.orderId === etOrderId && r.kind === 'payment_result')!;
      const built = buildNotification({ salt: stack.salt, kind: undefined, fields: paymentNotice.fields });
      const response = await fetch(`${site.url}/notifications`, {
        method: 'POST',
        headers: { 'content-type': built.contentType },
        body: built.body,
      });
      expect(response.status).toBe(200);
      const events = await site.db.query<{ effect: string }>(
        "SELECT effect FROM order_events WHERE et_order_id = $1 AND effect = 'paid'",
        [etOrderId],
      );
      expect(events).toHaveLength(1);
      expect((await orderState(stack, etOrderId))?.payments).toBe(1);
    }, 30_000);

    it.sequential('never retries a create order that timed out: reconciliation finds it at ET by merchant order id, or marks it absent', async () => {
      const { sandbox, site } = stack;
      const form = (amount: string) =>
        fetch(`${site.url}/orders`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: stack.cookie },
          body: new URLSearchParams({
            studentFirstName: 'Lucas',
            studentLastName: 'Silva',
            studentEmail: 'lucas.silva@example.test',
            schoolName: 'University of York',
            countryCode: 'GBR',
            feeType: '7',
            amount,
            currencyCode: 'GBP',
          }),
        }).then((response) => response.headers.get('location')!.split('/').pop()!);
      const row = async (merchantOrderId: string) =>
        (
          await site.db.query<{ et_order_id: string | null; status: number | null; create_error: string | null }>(
            'SELECT et_order_id, status, create_error FROM orders WHERE merchant_order_id = $1',
            [merchantOrderId],
          )
        )[0];

      // ET acts on the request but answers after the client gave up (5 s budget).
      sandbox.injectFault({ delayMs: 6_500 });
      const slow = await form('2100.00');
      expect(await row(slow)).toEqual({ et_order_id: null, status: null, create_error: 'OUTCOME_UNKNOWN' });
      // The connection drops before ET sees the request.
      sandbox.injectFault({ dropConnection: true });
      const dropped = await form('2200.00');
      expect((await row(dropped))?.create_error).toBe('OUTCOME_UNKNOWN');
      // A process that stopped right after saving an order never heard from ET at all.
      const silent = `SILENT-${kind}`;
      await insertOrder(site.db, silent, {
        studentFirstName: 'Nora',
        studentLastName: 'Berg',
        studentEmail: 'nora.berg@example.test',
        schoolName: 'University of Leeds',
        countryCode: 'GBR',
        feeType: 7,
        amount: '700.00',
        currencyCode: 'GBP',
      });
      const page = await (await fetch(`${site.url}/orders/${slow}`, { headers: { cookie: stack.cookie } })).text();
      expect(page).toContain('Checking with EasyTransfer');

      await expect
        .poll(() => sandbox.orders.list().some((order) => order.merchantOrderId === slow), { timeout: 8_000 })
        .toBe(true);
      const report = await site.reconcile({ olderThanMs: 0 });
      expect(report.changed).toEqual(expect.arrayContaining([slow, dropped, silent]));
      expect((await row(silent))?.create_error).toBe('NOT_AT_ET');
      const etOrder = sandbox.orders.list().find((order) => order.merchantOrderId === slow)!;
      expect(await row(slow)).toEqual({ et_order_id: etOrder.orderId, status: 0, create_error: null });
      expect(await row(dropped)).toEqual({ et_order_id: null, status: null, create_error: 'NOT_AT_ET' });
      // Exactly one order at ET for each attempt that reached it: nothing was sent twice.
      expect(sandbox.orders.list().filter((order) => order.merchantOrderId === slow)).toHaveLength(1);
      expect(sandbox.orders.list().some((order) => order.merchantOrderId === dropped)).toBe(false);

      // The recovered order can be paid like any other.
      const pay = await fetch(`${site.url}/orders/${slow}/pay`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: stack.cookie },
      });
      expect(pay.status).toBe(303);
      expect(pay.headers.get('location')).toBe(sandbox.payUrl(etOrder.orderId));
    }, 30_000);
  });
}
