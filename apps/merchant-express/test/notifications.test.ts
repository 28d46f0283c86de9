import { readdir } from 'node:fs/promises';
import { buildNotification, type NotificationEncoding, type SampleKind } from '@etkit/notify/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { migrate, migrationsDirectory } from '../src/db/migrate.js';
import type { PaymentGateway } from '../src/gateway.js';
import { insertOrder, markOrderCreated } from '../src/orders/repository.js';
import { databaseKinds, openTestDatabase } from './support/databases.js';
import { serve } from './support/serve.js';
import { signIn, testStaffAccess } from './support/staff.js';

const SALT = 'test-salt-7f3a';

// These tests post notifications straight to the site: they never call ET, so any call to the gateway is a bug.
const unusedGateway: PaymentGateway = {
  createOrder: () => Promise.reject(new Error('not expected in this test')),
  getPaymentUrl: () => Promise.reject(new Error('not expected in this test')),
  queryOrders: () => Promise.reject(new Error('not expected in this test')),
};

interface Delivery {
  kind: SampleKind;
  fields: Record<string, string>;
}

/**
 * The life of three orders as ET reports it, each event once. `expected` is the final state a correct
 * receiver must reach whatever the order and multiplicity of delivery.
 */
function scenario(prefix: string) {
  const a = `${prefix}A`;
  const b = `${prefix}B`;
  const c = `${prefix}C`;
  const status = (order_id: string, order_status: string, datetime: string): Delivery => ({
    kind: 'order_status_change',
    fields: { order_id, order_status, datetime, notify_type: 'order_status_change' },
  });
  const payment = (order_id: string, pay_result: string, pay_datetime: string, pay_amount: string): Delivery => ({
    kind: 'payment_result',
    fields: { order_id, pay_result, pay_datetime, pay_amount, pay_currency_code: 'RMB', extend_info: '' },
  });
  const deliveries: Delivery[] = [
    // A: paid, then remitted to completion, with a voucher on the way. Payment and status 1 share a second.
    payment(a, '1', '2026-11-28 10:00:00', '91234.50'),
    status(a, '1', '2026-11-28 10:00:00'),
    status(a, '2', '2026-11-28 10:05:00'),
    status(a, '3', '2026-11-28 10:10:00'),
    {
      kind: 'remittance_voucher',
      fields: { order_id: a, remittance_voucher_url: `https://vouchers.test/${a}.pdf`, extend_info: '' },
    },
    status(a, '4', '2026-11-28 10:20:00'),
    // B: paid, then refunded in part.
    payment(b, '1', '2026-11-28 09:00:00', '10000.00'),
    status(b, '1', '2026-11-28 09:00:00'),
    status(b, '-3', '2026-11-28 11:00:00'),
    {
      kind: 'refund_result',
      fields: {
        order_id: b,
        refund_order_id: `R-${b}`,
        refund_result: '1',
        refund_amount: '120.50',
        refund_datetime: '2026-11-28 11:30:00',
        extend_info: '',
      },
    },
    status(b, '-2', '2026-11-28 11:30:00'),
    // C: a failed attempt, then a successful one.
    payment(c, '0', '2026-11-28 08:00:00', '5000.00'),
    payment(c, '1', '2026-11-28 08:30:00', '5000.00'),
    status(c, '1', '2026-11-28 08:30:00'),
  ];
  const expected = {
    [a]: {
      status: 4,
      payments: 1,
      paidAmount: '91234.50',
      refunded: '0',
      voucher: `https://vouchers.test/${a}.pdf`,
      paidEvents: 1,
    },
    [b]: { status: -2, payments: 1, paidAmount: '10000.00', refunded: '120.50', voucher: null, paidEvents: 1 },
    [c]: { status: 1, payments: 1, paidAmount: '5000.00', refunded: '0', voucher: null, paidEvents: 1 },
  };
  return { orders: [a, b, c], deliveries, expected };
}

async function createOrders(db: Database, etOrderIds: readonly string[]) {
  for (const etOrderId of etOrderIds) {
    const merchantOrderId = `M-${etOrderId}`;
    await insertOrder(db, merchantOrderId, {
      studentFirstName: 'Li',
      studentLastName: 'Wei',
      studentEmail: 'li.wei@example.test',
      schoolName: 'University of Leeds',
      countryCode: 'GBR',
      feeType: 7,
      amount: '9500.00',
      currencyCode: 'GBP',
    });
    await markOrderCreated(db, merchantOrderId, etOrderId);
  }
}

async function post(url: string, delivery: Delivery, encoding: NotificationEncoding) {
  const built = buildNotification({ salt: SALT, kind: delivery.kind, fields: delivery.fields, encoding });
  const response = await fetch(`${url}/notifications`, {
    method: 'POST',
    headers: { 'content-type': built.contentType },
    body: built.body,
  });
  return { status: response.status, body: await response.text() };
}

describe.each(databaseKinds)('notifications on %s', (kind) => {
  let db: Database;
  let closeDb: () => Promise<void>;
  let site: Awaited<ReturnType<typeof serve>>;
  /** Live pages and order forms are for signed-in staff. */
  let cookie: string;
  const logs: string[] = [];

  beforeAll(async () => {
    ({ db, close: closeDb } = await openTestDatabase(kind));
    const { app } = createApp({
      db,
      gateway: unusedGateway,
      publicUrl: 'http://merchant.test',
      notifySalts: [SALT],
      log: (line) => logs.push(line),
      staff: testStaffAccess(),
    });
    site = await serve(app);
    cookie = await signIn(site.url);
  }, 90_000);

  afterAll(async () => {
    await site?.close();
    await closeDb?.();
  });

  /** Posts every delivery of `queue`; a batch of two goes out at the same time. Each must be acknowledged. */
  async function deliverAll(batches: readonly Delivery[][], encodingOf: () => NotificationEncoding) {
    for (const batch of batches) {
      const answers = await Promise.all(batch.map((delivery) => post(site.url, delivery, encodingOf())));
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.body)).toMatchObject({ notify_result: 'OK' });
      }
    }
  }

  /** Each order in its expected final state, with each event's effects recorded once. */
  async function expectFinalState({ orders, deliveries, expected }: ReturnType<typeof scenario>) {
    for (const etOrderId of orders) {
      const want = expected[etOrderId]!;
      const [order] = await db.query<{ status: number; refunded: string; voucher_url: string | null }>(
        'SELECT status, refunded_amount::text AS refunded, voucher_url FROM orders WHERE et_order_id = $1',
        [etOrderId],
      );
      expect(order).toEqual({ status: want.status, refunded: want.refunded, voucher_url: want.voucher });
      const payments = await db.query<{ pay_amount: string }>(
        'SELECT pay_amount::text AS pay_amount FROM payments WHERE et_order_id = $1',
        [etOrderId],
      );
      expect(payments).toEqual([{ pay_amount: want.paidAmount }]);
      const [paid] = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM order_events WHERE et_order_id = $1 AND effect = 'paid'",
        [etOrderId],
      );
      expect(paid!.n).toBe(want.paidEvents);
    }
    // One inbox row per distinct event, and no event's effects recorded twice.
    const [inbox] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notification_inbox WHERE et_order_id = ANY($1::text[])',
      [orders],
    );
    expect(inbox!.n).toBe(deliveries.length);
    const doubled = await db.query(
      `SELECT dedupe_key, effect FROM order_events WHERE et_order_id = ANY($1::text[])
       GROUP BY dedupe_key, effect HAVING count(*) > 1`,
      [orders],
    );
    expect(doubled).toEqual([]);
    const refunds = await db.query<{ amount: string }>(
      'SELECT refund_amount::text AS amount FROM refunds WHERE et_order_id = ANY($1::text[])',
      [orders],
    );
    expect(refunds).toEqual([{ amount: '120.50' }]);
  }

  const encodings: readonly NotificationEncoding[] = ['form', 'json', 'multipart'];

  // The attacker's (or a flaky network's) sharpest case, for every event: its two copies arrive at the same moment,
  // and the events come newest first. The property below covers the other orders and pairings at random.
  it('applies each event once when both copies of every notification race each other, newest first', async () => {
    const run = scenario(`ET${kind === 'pglite' ? 'L' : 'P'}RACEX`);
    await createOrders(db, run.orders);
    let next = 0;
    await deliverAll(
      [...run.deliveries].reverse().map((delivery) => [delivery, delivery]),
      () => encodings[next++ % encodings.length]!,
    );
    await expectFinalState(run);
  });

  it('applies each event once and reaches the right final state when every notification comes twice, shuffled, some at the same time', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.infiniteStream(fc.constantFrom(...encodings)),
        fc.array(fc.boolean(), { minLength: 28, maxLength: 28 }),
        fc.integer(),
        async (encodingStream, concurrentFlags, seed) => {
          run += 1;
          const current = scenario(`ET${kind === 'pglite' ? 'L' : 'P'}${run}X`);
          await createOrders(db, current.orders);
          // Every notification twice, in an order fixed by the seed.
          const queue = shuffle([...current.deliveries, ...current.deliveries], seed);
          // Now and then two deliveries race, as ET's resend may overlap a slow first attempt.
          const batches: Delivery[][] = [];
          for (let index = 0; index < queue.length; ) {
            const size = concurrentFlags[index % concurrentFlags.length] ? 2 : 1;
            batches.push(queue.slice(index, index + size));
            index += size;
          }
          const encodingOf = encodingStream.take(queue.length)[Symbol.iterator]();
          await deliverAll(batches, () => encodingOf.next().value!);
          await expectFinalState(current);
        },
      ),
      // Few runs: each is 28 deliveries of 14 events, and the same-moment race of every event has its own test.
      { numRuns: 5 },
    );
  });

  it('streams the current state of the listed orders on connect, then each change, to live pages', async () => {
    await createOrders(db, ['ET-LIVE-1']);
    const controller = new AbortController();
    const response = await fetch(`${site.url}/events?orders=M-ET-LIVE-1,unknown-id`, {
      headers: { cookie },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const nextEvent = async () => {
      while (!/\n\n/.test(text.slice(text.indexOf('event: order')))) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += value;
      }
      const start = text.indexOf('event: order');
      const end = text.indexOf('\n\n', start);
      const event = text.slice(start, end);
      text = text.slice(end + 2);
      return JSON.parse(event.split('data: ')[1]!);
    };
    expect(await nextEvent()).toMatchObject({
      merchantOrderId: 'M-ET-LIVE-1',
      status: 0,
      statusLabel: 'Waiting for payment',
    });
    const answer = await post(
      site.url,
      {
        kind: 'payment_result',
        fields: {
          order_id: 'ET-LIVE-1',
          pay_result: '1',
          pay_amount: '100.00',
          pay_datetime: '2026-11-28 10:00:00',
          pay_currency_code: 'RMB',
          extend_info: '',
        },
      },
      'json',
    );
    expect(answer.status).toBe(200);
    expect(await nextEvent()).toMatchObject({
      merchantOrderId: 'M-ET-LIVE-1',
      status: 1,
      statusLabel: 'Payment successful',
    });
    controller.abort();
  });

  it('has applied every migration once, in order, and a second run applies nothing', async () => {
    const files = (await readdir(migrationsDirectory)).filter((name) => name.endsWith('.sql')).sort();
    const rows = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY applied_at, name');
    expect(rows.map((row) => row.name)).toEqual(files);
    expect(await migrate(db)).toEqual([]);
  });

  it('refuses order form posts from another site', async () => {
    const response = await fetch(`${site.url}/orders`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: 'studentFirstName=A',
    });
    expect(response.status).toBe(403);
    const [count] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM orders WHERE student_first_name = $1',
      ['A'],
    );
    expect(count!.n).toBe(0);
  });

  it('refuses a notification for an unknown order without recording it, so ET resends it', async () => {
    const answer = await post(
      site.url,
      {
        kind: 'payment_result',
        fields: {
          order_id: 'ET-NOT-OURS',
          pay_result: '1',
          pay_amount: '1.00',
          pay_datetime: '2026-11-28 10:00:00',
          pay_currency_code: 'RMB',
          extend_info: '',
        },
      },
      'form',
    );
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toMatchObject({ notify_result: 'FAIL', code: 'HANDLER_FAILED' });
    const rows = await db.query("SELECT 1 FROM notification_inbox WHERE et_order_id = 'ET-NOT-OURS'");
    expect(rows).toEqual([]);
  });

  it('keeps a verified notification it cannot read in notification_quarantine, counting resends', async () => {
    await createOrders(db, ['ET-UNREADABLE']);
    // ET's signature, but no pay_datetime: @etkit/notify refuses it (MALFORMED), so ET resends it.
    const built = buildNotification({
      salt: SALT,
      fields: { order_id: 'ET-UNREADABLE', pay_result: '1', pay_amount: '10.00', extend_info: '' },
    });
    const deliver = () =>
      fetch(`${site.url}/notifications`, {
        method: 'POST',
        headers: { 'content-type': built.contentType },
        body: built.body,
      });
    const quarantined = () =>
      db.query<{ kind: string; fields: Record<string, string>; reason: string; deliveries: number }>(
        "SELECT kind, fields, reason, deliveries FROM notification_quarantine WHERE et_order_id = 'ET-UNREADABLE'",
      );
    // The refusal goes out after the row is written (@etkit/notify awaits onError).
    expect((await deliver()).status).toBe(400);
    expect(await quarantined()).toHaveLength(1);
    expect((await deliver()).status).toBe(400);
    expect((await quarantined())[0]!.deliveries).toBe(2);
    const [row] = await quarantined();
    expect(row).toMatchObject({
      kind: 'payment_result',
      fields: { order_id: 'ET-UNREADABLE', pay_result: '1', pay_amount: '10.00', extend_info: '' },
    });
    expect(row!.fields).not.toHaveProperty('sign');
    expect(row!.reason).toMatch(/pay_datetime/);
    // Nothing was applied: the order is untouched and the inbox has no row for it.
    expect(await db.query("SELECT 1 FROM notification_inbox WHERE et_order_id = 'ET-UNREADABLE'")).toEqual([]);
    expect(await db.query("SELECT 1 FROM payments WHERE et_order_id = 'ET-UNREADABLE'")).toEqual([]);
  });

  it('keeps a re-cut forgery (AMBIGUOUS) by its raw body alone, applies nothing, and still applies the genuine one', async () => {
    await createOrders(db, ['ET-RECUT-A', 'ET-RECUT-VICTIM']);
    const at = '2026-11-28 10:00:00';
    // A genuine failed payment of A whose extend_info carries a paid payment of the victim, re-cut so that the
    // victim's fields come first and an unknown trailing field swallows the rest: the same signed string.
    const genuine = {
      extend_info: `x&order_id=ET-RECUT-VICTIM&pay_amount=99999.00&pay_currency_code=RMB&pay_datetime=${at}&pay_result=1&zz=`,
      order_id: 'ET-RECUT-A',
      pay_amount: '1.00',
      pay_currency_code: 'RMB',
      pay_datetime: at,
      pay_result: '0',
    };
    const forged = {
      extend_info: 'x',
      order_id: 'ET-RECUT-VICTIM',
      pay_amount: '99999.00',
      pay_currency_code: 'RMB',
      pay_datetime: at,
      pay_result: '1',
      zz: `&order_id=ET-RECUT-A&pay_amount=1.00&pay_currency_code=RMB&pay_datetime=${at}&pay_result=0`,
    };
    const sign = buildNotification({ salt: SALT, kind: undefined, fields: genuine }).fields['sign']!;
    const attack = buildNotification({
      salt: SALT,
      kind: undefined,
      fields: forged,
      tamper: { field: 'sign', value: sign },
    });
    const post = (built: { body: string; contentType: string }) =>
      fetch(`${site.url}/notifications`, {
        method: 'POST',
        headers: { 'content-type': built.contentType },
        body: built.body,
      });

    const refused = await post(attack);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: 'AMBIGUOUS' });
    const rows = await db.query<{
      kind: string;
      fields: unknown;
      raw_body: string;
      content_type: string;
      et_order_id: string | null;
    }>(
      "SELECT kind, fields, raw_body, content_type, et_order_id FROM notification_quarantine WHERE kind = 'ambiguous'",
    );
    expect(rows).toEqual([
      { kind: 'ambiguous', fields: null, raw_body: attack.body, content_type: attack.contentType, et_order_id: null },
    ]);
    expect(await db.query("SELECT 1 FROM payments WHERE et_order_id = 'ET-RECUT-VICTIM'")).toEqual([]);
    const [victim] = await db.query<{ status: number }>(
      "SELECT status FROM orders WHERE et_order_id = 'ET-RECUT-VICTIM'",
    );
    expect(victim!.status).toBe(0);

    // ET's own delivery reads one way only: a failed payment of A, applied as such.
    const own = buildNotification({ salt: SALT, kind: undefined, fields: genuine, encoding: 'json' });
    expect((await post(own)).status).toBe(200);
    expect(await db.query("SELECT 1 FROM payments WHERE et_order_id = 'ET-RECUT-A'")).toEqual([]);
  });

  it('refuses a notification signed with another salt and changes nothing', async () => {
    await createOrders(db, ['ET-SALT-CHECK']);
    const built = buildNotification({
      salt: 'not-our-salt',
      kind: 'payment_result',
      fields: { order_id: 'ET-SALT-CHECK' },
    });
    const response = await fetch(`${site.url}/notifications`, {
      method: 'POST',
      headers: { 'content-type': built.contentType },
      body: built.body,
    });
    expect(response.status).toBe(400);
    const [order] = await db.query<{ status: number }>("SELECT status FROM orders WHERE et_order_id = 'ET-SALT-CHECK'");
    expect(order!.status).toBe(0);
    expect(await db.query("SELECT 1 FROM payments WHERE et_order_id = 'ET-SALT-CHECK'")).toEqual([]);
    expect(logs.join('\n')).not.toContain(SALT);
  });
});

/** Fisher–Yates with a small seeded generator, so a failing case replays from fast-check's seed. */
function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
