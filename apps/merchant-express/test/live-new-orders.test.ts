import { buildNotification } from '@etkit/notify/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { openDatabase } from '../src/db/open.js';
import { openPostgresDatabase } from '../src/db/postgres.js';
import type { PaymentGateway } from '../src/gateway.js';
import { carryUpdatesThroughPostgres } from '../src/live/postgres-order-updates.js';
import { OrderUpdates } from '../src/order-updates.js';
import { type DatabaseKind, databaseKinds } from './support/databases.js';
import { openEventStream } from './support/event-stream.js';
import { copyPgliteTemplate } from './support/pglite-template.js';
import { type PostgresCluster, startPostgresCluster } from './support/postgres-cluster.js';
import { serve } from './support/serve.js';
import { signIn, testStaffAccess } from './support/staff.js';

const SALT = 'live-new-orders-salt';
let etOrders = 0;
const gateway: PaymentGateway = {
  createOrder: async () => ({ etOrderId: `ETNEW${++etOrders}` }),
  getPaymentUrl: () => Promise.reject(new Error('not expected in this test')),
  queryOrders: () => Promise.reject(new Error('not expected in this test')),
};

interface Instance {
  url: string;
  cookie: string;
  close(): Promise<void>;
}

/** One instance of the site on `db`; with PostgreSQL, its own page pool and LISTEN connection, as in production. */
async function startInstance(db: Database, postgresUrl?: string): Promise<Instance> {
  const updates = new OrderUpdates();
  let pagesDb = db;
  let stopCarrier = async () => {};
  if (postgresUrl !== undefined) {
    pagesDb = await openPostgresDatabase(postgresUrl, { max: 2 });
    const carrier = await carryUpdatesThroughPostgres(updates, postgresUrl, pagesDb, { log: () => {} });
    stopCarrier = async () => {
      await carrier.close();
      await pagesDb.close();
    };
  }
  const { app } = createApp({
    db,
    pagesDb,
    updates,
    gateway,
    publicUrl: 'https://pay.example.edu',
    notifySalts: [SALT],
    log: () => {},
    staff: testStaffAccess(),
  });
  const site = await serve(app);
  return {
    url: site.url,
    cookie: await signIn(site.url),
    async close() {
      await site.close();
      await stopCarrier();
    },
  };
}

async function createOrder(instance: Instance): Promise<string> {
  const response = await fetch(`${instance.url}/orders`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie: instance.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      'sec-fetch-site': 'same-origin',
    },
    body: new URLSearchParams({
      studentFirstName: 'Mei',
      studentLastName: 'Chen',
      studentEmail: 'mei@example.test',
      schoolName: 'University of Edinburgh',
      countryCode: 'GBR',
      feeType: '7',
      amount: '9500.00',
      currencyCode: 'GBP',
    }),
  });
  expect(response.status).toBe(303);
  return decodeURIComponent(response.headers.get('location')!.split('/').pop()!);
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(databaseKinds)('new orders and failed payments reach open pages live (%s)', (kind: DatabaseKind) => {
  let creator: Instance;
  let watcher: Instance;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    if (kind === 'pglite') {
      // A copy of a ready-made data directory: seconds faster than initdb in a new `memory://` one.
      const copy = await copyPgliteTemplate();
      cleanups.push(async () => copy.remove());
      const db = await openDatabase({ kind: 'pglite', dataDir: copy.dataDir });
      cleanups.push(() => db.close());
      creator = await startInstance(db);
      watcher = creator;
      cleanups.push(() => creator.close());
      return;
    }
    // Two instances: the order is created on one, the list is open on the other (LISTEN/NOTIFY between them).
    const cluster: PostgresCluster = await startPostgresCluster();
    cleanups.push(() => cluster.stop());
    const dbA = await openDatabase({ kind: 'postgres', url: cluster.url });
    cleanups.push(() => dbA.close());
    const dbB = await openDatabase({ kind: 'postgres', url: cluster.url });
    cleanups.push(() => dbB.close());
    creator = await startInstance(dbA, cluster.url);
    cleanups.push(() => creator.close());
    watcher = await startInstance(dbB, cluster.url);
    cleanups.push(() => watcher.close());
  }, 90_000);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it('the order list hears of a new order, fetches its row, then follows it: a failed payment shows', async () => {
    // An empty list still opens its stream (new=1); a page without orders and without new=1 does not.
    const empty = await fetch(`${watcher.url}/events`, { headers: { cookie: watcher.cookie } });
    expect(empty.status).toBe(204);
    const list = await openEventStream(`${watcher.url}/events?new=1`, { cookie: watcher.cookie });
    const earlier = await createOrder(creator);
    const orderPage = await openEventStream(`${watcher.url}/events?orders=${earlier}`, { cookie: watcher.cookie });
    try {
      expect(list.response.status).toBe(200);
      await until(() => list.created.includes(earlier), 'the first created event');
      await orderPage.next((event) => event.merchantOrderId === earlier);

      const merchantOrderId = await createOrder(creator);
      await until(() => list.created.includes(merchantOrderId), 'the created event');
      expect(list.created).toEqual([earlier, merchantOrderId]);
      // The order page's stream watches its own order only: no created events.
      expect(orderPage.created).toEqual([]);

      const row = await fetch(`${watcher.url}/orders/${merchantOrderId}/row`, { headers: { cookie: watcher.cookie } });
      expect(row.status).toBe(200);
      const rowHtml = await row.text();
      expect(rowHtml).toMatch(new RegExp(`^<tr data-order-id="${merchantOrderId}">`));
      expect(rowHtml).toContain('Waiting for payment');
      expect(rowHtml).toContain('Rent (房租)');
      expect(rowHtml).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\+8/);

      // ET reports a failed payment attempt to the creating instance; the list's stream follows the new order.
      const etOrderId = `ETNEW${etOrders}`;
      const built = buildNotification({
        salt: SALT,
        kind: 'payment_result',
        fields: { order_id: etOrderId, pay_result: '0' },
      });
      const answer = await fetch(`${creator.url}/notifications`, {
        method: 'POST',
        headers: { 'content-type': built.contentType },
        body: built.body,
      });
      expect(answer.status).toBe(200);
      const failed = await list.next((event) => event.merchantOrderId === merchantOrderId && !!event.paymentNotice);
      expect(failed).toMatchObject({ status: 0, statusLabel: 'Waiting for payment' });
      expect(failed.paymentNotice).toMatch(
        /^The last payment attempt failed \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\+8\)\. The order still waits for payment\.$/,
      );
      // The earlier order did not change: no event about it after its first state.
      expect(orderPage.events.filter((event) => event.paymentNotice !== '')).toEqual([]);
    } finally {
      list.close();
      orderPage.close();
    }
  }, 60_000);
});
