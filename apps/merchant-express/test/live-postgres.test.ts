import { buildNotification } from '@etkit/notify/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { openDatabase } from '../src/db/open.js';
import { openPostgresDatabase } from '../src/db/postgres.js';
import type { PaymentGateway } from '../src/gateway.js';
import { carryUpdatesThroughPostgres, type PostgresUpdates } from '../src/live/postgres-order-updates.js';
import { OrderUpdates } from '../src/order-updates.js';
import { insertOrder, markOrderCreated } from '../src/orders/repository.js';
import { countingOrderReads } from './support/counting-database.js';
import { openEventStream } from './support/event-stream.js';
import { type PostgresCluster, startPostgresCluster } from './support/postgres-cluster.js';
import { serve } from './support/serve.js';
import { signIn, testStaffAccess } from './support/staff.js';

const SALT = 'live-postgres-salt';
const ORDER = 'MO20261205000000000777';
const unusedGateway: PaymentGateway = {
  createOrder: () => Promise.reject(new Error('not expected in this test')),
  getPaymentUrl: () => Promise.reject(new Error('not expected in this test')),
  queryOrders: () => Promise.reject(new Error('not expected in this test')),
};

/** One instance of the site: its own pools, its own listening connection, its own HTTP server. */
interface Instance {
  url: string;
  carrier: PostgresUpdates;
  pageReads: ReturnType<typeof countingOrderReads>;
  close(): Promise<void>;
}

async function startInstance(url: string, name: string): Promise<Instance> {
  const db = await openDatabase({ kind: 'postgres', url });
  const pagesDb = await openPostgresDatabase(url, { max: 4 });
  const pageReads = countingOrderReads(pagesDb);
  const updates = new OrderUpdates();
  const carrier = await carryUpdatesThroughPostgres(updates, url, pagesDb, {
    log: () => {},
    minBackoffMs: 50,
    applicationName: name,
  });
  const { app } = createApp({
    db,
    pagesDb: pageReads.db,
    updates,
    gateway: unusedGateway,
    publicUrl: 'http://merchant.test',
    notifySalts: [SALT],
    log: () => {},
    staff: testStaffAccess(),
  });
  const site = await serve(app);
  return {
    url: site.url,
    carrier,
    pageReads,
    async close() {
      await site.close();
      await carrier.close();
      await pagesDb.close();
      await db.close();
    },
  };
}

let cluster: PostgresCluster;
let admin: Database;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  admin = await openDatabase({ kind: 'postgres', url: cluster.url });
  await insertOrder(admin, ORDER, {
    studentFirstName: 'Mei',
    studentLastName: 'Chen',
    studentEmail: 'mei@example.test',
    schoolName: 'University of Edinburgh',
    countryCode: 'GBR',
    feeType: 7,
    amount: '9500.00',
    currencyCode: 'GBP',
  });
  await markOrderCreated(admin, ORDER, 'ETPG777');
  [a, b] = await Promise.all([
    startInstance(cluster.url, 'etkit-live-listener-a'),
    startInstance(cluster.url, 'etkit-live-listener-b'),
  ]);
}, 90_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await admin?.close();
  await cluster?.stop();
});

describe('live updates through PostgreSQL LISTEN/NOTIFY, two instances', () => {
  it('a notification applied by instance A shows on instance B’s /events (and A’s), one read per instance', async () => {
    const [cookieA, cookieB] = [await signIn(a.url), await signIn(b.url)];
    const onB = await Promise.all(
      [1, 2, 3].map(() => openEventStream(`${b.url}/events?orders=${ORDER}`, { cookie: cookieB })),
    );
    const onA = await openEventStream(`${a.url}/events?orders=${ORDER}`, { cookie: cookieA });
    try {
      for (const stream of [...onB, onA]) await stream.next((event) => event.status === 0);
      a.pageReads.reset();
      b.pageReads.reset();
      const built = buildNotification({ salt: SALT, kind: 'payment_result', fields: { order_id: 'ETPG777' } });
      const answer = await fetch(`${a.url}/notifications`, {
        method: 'POST',
        headers: { 'content-type': built.contentType },
        body: built.body,
      });
      expect(answer.status).toBe(200);
      for (const stream of [...onB, onA]) {
        expect(await stream.next((event) => event.status === 1)).toMatchObject({ statusLabel: 'Payment successful' });
      }
      // The NOTIFY carries the id; each instance read the order once for all its streams.
      expect(b.pageReads.reads()).toBe(1);
      expect(a.pageReads.reads()).toBe(1);
    } finally {
      for (const stream of [...onB, onA]) stream.close();
    }
  });

  it('a listener whose connection is killed reconnects and refreshes its open pages: a missed change is not lost', async () => {
    const cookie = await signIn(b.url);
    const stream = await openEventStream(`${b.url}/events?orders=${ORDER}`, { cookie });
    try {
      await stream.next((event) => event.status === 1);
      // A change B never hears of: made in the database without NOTIFY (as if sent while B was not listening).
      await admin.query('UPDATE orders SET status = 2 WHERE merchant_order_id = $1', [ORDER]);
      const [killed] = await admin.query<{ killed: boolean }>(
        "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = 'etkit-live-listener-b'",
      );
      expect(killed?.killed).toBe(true);
      expect(await stream.next((event) => event.status === 2)).toMatchObject({ statusLabel: expect.any(String) });
      expect(b.carrier.reconnects).toBe(1);
      expect(b.carrier.listening).toBe(true);
      expect(a.carrier.reconnects).toBe(0);
      // And B LISTENs again: a change published by A after the reconnect reaches B's page.
      await admin.query('UPDATE orders SET status = 3 WHERE merchant_order_id = $1', [ORDER]);
      await admin.query("SELECT pg_notify('etkit_order_updates', $1)", [
        JSON.stringify({ o: ORDER, w: 'notification' }),
      ]);
      await stream.next((event) => event.status === 3);
    } finally {
      stream.close();
    }
  });

  it('ignores NOTIFY payloads that are not a well-formed change', async () => {
    const cookie = await signIn(b.url);
    const stream = await openEventStream(`${b.url}/events?orders=${ORDER}`, { cookie });
    try {
      await stream.next(() => true);
      b.pageReads.reset();
      // Counted before anything is sent: the event of the well-formed change may reach the stream before the
      // query that sent it has answered (counting after it was a race, and failed a run once).
      const before = stream.events.length;
      for (const payload of ['{', '{"o":"<script>","w":"x"}', '{"o":1}', JSON.stringify({ o: ORDER, w: 'A B' })]) {
        await admin.query("SELECT pg_notify('etkit_order_updates', $1)", [payload]);
      }
      await admin.query("SELECT pg_notify('etkit_order_updates', $1)", [JSON.stringify({ o: ORDER, w: 'changed' })]);
      await stream.next(() => stream.events.length > before);
      // One session's notifications arrive in the order sent: an event from the malformed ones would be here by now.
      expect(stream.events.length).toBe(before + 1);
      expect(b.pageReads.reads()).toBe(1);
    } finally {
      stream.close();
    }
  });
});
