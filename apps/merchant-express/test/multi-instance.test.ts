import type { OrderRecord, Sandbox } from '@etkit/sandbox';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream } from './support/event-stream.js';
import { createOrderOn, type Instances, signInOn, startInstances } from './support/instances.js';
import { deliver } from './support/orders.js';

const INSTANCES = 3;

/** Two-decimal text → cents (ET's amounts here carry two decimals). */
const cents = (text: string) => {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
};

/** The site's books against ET's, for the given ET orders: every difference, and the effects applied twice. */
async function differences(sandbox: Sandbox, db: pg.Pool, etOrderIds: readonly string[]) {
  const { rows } = await db.query<{
    et_order_id: string;
    status: number | null;
    refunded: string;
    payments: number;
    paid_events: number;
    refund_rows: number;
    refunded_events: number;
  }>(
    `SELECT et_order_id, status, refunded_amount::text AS refunded,
            (SELECT count(*)::int FROM payments p WHERE p.et_order_id = o.et_order_id) AS payments,
            (SELECT count(*)::int FROM order_events e WHERE e.et_order_id = o.et_order_id AND e.effect = 'paid') AS paid_events,
            (SELECT count(*)::int FROM refunds r WHERE r.et_order_id = o.et_order_id AND r.refund_result = 1) AS refund_rows,
            (SELECT count(*)::int FROM order_events e WHERE e.et_order_id = o.et_order_id AND e.effect = 'refunded') AS refunded_events
     FROM orders o WHERE et_order_id = ANY($1::text[])`,
    [[...etOrderIds]],
  );
  const found: string[] = [];
  for (const etOrderId of etOrderIds) {
    const order = sandbox.orders.get(etOrderId)!;
    const row = rows.find((candidate) => candidate.et_order_id === etOrderId);
    if (row === undefined) {
      found.push(`${etOrderId}: not in the books`);
      continue;
    }
    if (row.status !== order.status) found.push(`${etOrderId}: status ${row.status}, ET ${order.status}`);
    const paid = order.paidAt === undefined ? 0 : 1;
    if (row.payments !== paid || row.paid_events !== paid) {
      found.push(`${etOrderId}: ${row.payments} payment rows, ${row.paid_events} paid events, ET paid ${paid}`);
    }
    const succeeded = order.refunds.filter((refund) => refund.result === 'succeeded');
    const refunded = succeeded.reduce((sum, refund) => sum + cents(refund.amount), 0n);
    if (cents(row.refunded) !== refunded) found.push(`${etOrderId}: refunded ${row.refunded}, ET ${refunded} cents`);
    if (row.refund_rows !== succeeded.length || row.refunded_events !== succeeded.length) {
      found.push(
        `${etOrderId}: ${row.refund_rows} refund rows, ${row.refunded_events} refunded events, ET ${succeeded.length} refunds`,
      );
    }
  }
  return found;
}

/** Every delivery ET made for these orders ended delivered: none pending, held or given up. */
function undelivered(sandbox: Sandbox, etOrderIds: readonly string[]) {
  return sandbox.notifications
    .list()
    .filter((record) => etOrderIds.includes(record.orderId) && record.state !== 'delivered')
    .map((record) => `${record.id} (${record.kind}, ${record.orderId}): ${record.state}`);
}

/** Plays out every resend still due: ET's schedule ends within 2 hours of sandbox time. */
async function playOutDeliveries(sandbox: Sandbox) {
  sandbox.notifications.releaseHeld();
  await sandbox.notifications.settled();
  await sandbox.clock.advance(3 * 60 * 60 * 1000);
  await sandbox.notifications.settled();
}

/** ET's moves on one order: paid; some advance, some are refunded in part (some after a refund that failed). */
function playEt(sandbox: Sandbox, order: OrderRecord, index: number) {
  const id = order.orderId;
  if (index % 7 === 6) {
    sandbox.failOrder(id);
    return;
  }
  sandbox.payOrder(id);
  if (index % 3 === 1) sandbox.advanceOrder(id);
  if (index % 3 === 2) {
    if (index % 2 === 0) {
      sandbox.refundOrder(id, { amount: '50.00', refundOrderId: `RF-${id}-1` });
      sandbox.completeRefund(id, { success: false });
    }
    sandbox.refundOrder(id, { amount: '100.00', refundOrderId: `RF-${id}-2` });
    sandbox.completeRefund(id, { success: true });
  }
}

/**
 * `count` orders, order i created through instance i mod n; one on each instance at a time (the instances work
 * side by side, as they would behind the balancer), in index order.
 */
async function createOrdersAcross(stack: Instances, cookie: string, count: number, amount: string) {
  const orders: Awaited<ReturnType<typeof createOrderOn>>[] = [];
  for (let first = 0; first < count; first += stack.urls.length) {
    const wave = stack.urls.slice(0, Math.min(stack.urls.length, count - first));
    orders.push(...(await Promise.all(wave.map((url) => createOrderOn(url, cookie, stack.db, amount)))));
  }
  return orders;
}

// The instances are real processes: `node` on src/main.ts compiled beforehand (support/site-build.ts), the code
// `pnpm start` runs under tsx, without tsx's start-up cost; each is killed by its pid.
describe(`${INSTANCES} instances of the site (real processes) on one PostgreSQL`, () => {
  let stack: Instances;
  let cookie: string;

  beforeAll(async () => {
    // The timer runs on every instance; only orders backdated past RECONCILE_AFTER_SECONDS are due on it.
    stack = await startInstances(INSTANCES, { RECONCILE_INTERVAL_SECONDS: '1', RECONCILE_AFTER_SECONDS: '600' });
    cookie = await signInOn(stack.urls[0]!);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('an order created on one instance and paid, notified to another: the live event reaches every instance', async () => {
    const { sandbox, db, urls, balancer } = stack;
    // The staff cookie signed in on instance 0 opens the stream on every instance (one SESSION_SECRET).
    const { merchantOrderId, etOrderId } = await createOrderOn(urls[0]!, cookie, db);
    const streams = await Promise.all(
      urls.map((url) => openEventStream(`${url}/events?orders=${merchantOrderId}`, { cookie })),
    );
    try {
      for (const stream of streams) expect(stream.response.status).toBe(200);
      // The page's state is sent first: wait for it on all streams, so the payment is news to each.
      await Promise.all(streams.map((stream) => stream.next((event) => event.merchantOrderId === merchantOrderId)));
      balancer.pointAt(1);
      const before = balancer.log.length;
      sandbox.payOrder(etOrderId);
      const events = await Promise.all(
        streams.map((stream) =>
          stream.next((event) => event.merchantOrderId === merchantOrderId && event.status === 1),
        ),
      );
      expect(events.map((event) => event.status)).toEqual(urls.map(() => 1));
      // The live event can arrive before instance 1's answer is back through the balancer (it is published when
      // the payment is applied): read the balancer's log once ET has its answer.
      await sandbox.notifications.settled();
      const notified = balancer.log.slice(before).filter((entry) => entry.path === '/notifications');
      expect(notified[0]).toMatchObject({ instance: 1, status: 200 });
      expect(await differences(sandbox, db, [etOrderId])).toEqual([]);
    } finally {
      for (const stream of streams) stream.close();
    }
  }, 30_000);

  it('many orders notified round-robin with duplicates and reordering: ET’s final state, each effect once', async () => {
    const { sandbox, db, urls, balancer } = stack;
    const orders = await createOrdersAcross(stack, cookie, 21, '900.00');
    const ids = orders.map((order) => order.etOrderId);
    const before = balancer.log.length;
    // ET sends one order's notifications twice each, the next one's held and sent newest first, in turn.
    for (const [index, order] of orders.entries()) {
      sandbox.merchants[0]!.faults =
        index % 2 === 0 ? { duplicateNotifications: true } : { reorderNotifications: true };
      playEt(sandbox, sandbox.orders.get(order.etOrderId)!, index);
      sandbox.notifications.releaseHeld();
    }
    sandbox.merchants[0]!.faults = {};
    await playOutDeliveries(sandbox);

    expect(undelivered(sandbox, ids)).toEqual([]);
    expect(await differences(sandbox, db, ids)).toEqual([]);
    const served = balancer.log.slice(before).filter((entry) => entry.path === '/notifications');
    const records = sandbox.notifications.list().filter((record) => ids.includes(record.orderId));
    // The duplicates did travel: more deliveries than notifications; and every instance took its share.
    expect(served.length).toBeGreaterThan(records.length);
    for (let instance = 0; instance < urls.length; instance += 1) {
      expect(served.filter((entry) => entry.instance === instance).length).toBeGreaterThan(0);
    }

    // Late copies of every notification, newest first, posted straight to the instances in turn, all at once.
    const late = await Promise.all(
      [...records].reverse().map((record, index) => deliver(urls[index % urls.length]!, stack.salt, record)),
    );
    expect(late.map((answer) => answer.status)).toEqual(late.map(() => 200));
    expect(await differences(sandbox, db, ids)).toEqual([]);
  }, 40_000);

  it('reconciliation due on every instance at once asks ET about each order once', async () => {
    const { sandbox, db } = stack;
    const orders = await createOrdersAcross(stack, cookie, 45, '300.00');
    const ids = orders.map((order) => order.etOrderId);
    // ET answers slowly, so a pass takes longer than the timers' second: every instance's timer fires while one
    // instance's pass runs, and would ask about the same orders without the shared lock.
    sandbox.merchants[0]!.faults = { delayMs: 400 };
    try {
      await db.query("UPDATE orders SET created_at = now() - interval '1 hour' WHERE et_order_id = ANY($1::text[])", [
        ids,
      ]);
      const deadline = Date.now() + 20_000;
      for (;;) {
        const { rows } = await db.query<{ waiting: number }>(
          'SELECT count(*)::int AS waiting FROM orders WHERE et_order_id = ANY($1::text[]) AND last_reconciled_at IS NULL',
          [ids],
        );
        if (rows[0]!.waiting === 0) break;
        if (Date.now() > deadline) throw new Error(`${rows[0]!.waiting} orders never reconciled`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      // A few more ticks of every instance's timer: none may ask again.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
    } finally {
      sandbox.merchants[0]!.faults = {};
    }
    expect(ids.map((id) => stack.asked.get(id) ?? 0)).toEqual(ids.map(() => 1));
  }, 40_000);

  // Last: the killed instance stays down (a restart would cost a site start for nothing; close() ends the rest).
  it('kill -9 of an instance while it holds a notification: ET resends, nothing lost, nothing applied twice', async () => {
    const { sandbox, db, balancer, sites } = stack;
    const orders = await createOrdersAcross(stack, cookie, 12, '700.00');
    const ids = orders.map((order) => order.etOrderId);
    const before = balancer.log.length;
    // The first notification forwarded to instance 2 is in its hands when the instance dies.
    const victim = sites[2]!;
    let killed: Promise<void> | undefined;
    balancer.hooks.onForward = (instance) => {
      if (instance === 2 && killed === undefined) killed = victim.kill();
    };
    try {
      for (const [index, order] of orders.entries()) playEt(sandbox, sandbox.orders.get(order.etOrderId)!, index);
      await sandbox.notifications.settled();
      await killed;
      expect(victim.running).toBe(false);
      const cutOff = balancer.log.slice(before).filter((entry) => entry.instance === 2 && entry.status === 502);
      expect(cutOff.length).toBeGreaterThan(0);
      // ET resends what it did not hear a success for; the two instances left take them.
      await playOutDeliveries(sandbox);
      expect(undelivered(sandbox, ids)).toEqual([]);
      expect(await differences(sandbox, db, ids)).toEqual([]);
    } finally {
      balancer.hooks.onForward = undefined;
    }
  }, 60_000);
});
