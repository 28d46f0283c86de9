import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { openDatabase } from '../src/db/open.js';
import type { OrderObservation, PaymentGateway } from '../src/gateway.js';
import { OrderUpdates } from '../src/order-updates.js';
import { insertOrder, markOrderCreated } from '../src/orders/repository.js';
import { RECONCILE_LOCK_ID, reconcileOrders } from '../src/reconcile.js';
import { openTestDatabase } from './support/databases.js';
import { type PostgresCluster, startPostgresCluster } from './support/postgres-cluster.js';
import { builtPostgresModule } from './support/site-build.js';

const appDirectory = fileURLToPath(new URL('../', import.meta.url));

/** ET as the batch query sees it: every order paid; counts how often each order is asked about. */
function countingGateway(options: { delayMs: number; failOnQuery?: number }) {
  const asked = new Map<string, number>();
  let queries = 0;
  const gateway: PaymentGateway = {
    createOrder: () => Promise.reject(new Error('not expected')),
    getPaymentUrl: () => Promise.reject(new Error('not expected')),
    async queryOrders(query) {
      queries += 1;
      if (queries === options.failOnQuery) throw new Error('ET unreachable');
      await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      return (query.etOrderIds ?? []).map((etOrderId): OrderObservation => {
        asked.set(etOrderId, (asked.get(etOrderId) ?? 0) + 1);
        return { etOrderId, status: 1, payAmount: '100.00', payCurrency: 'RMB' };
      });
    },
  };
  return { gateway, asked };
}

async function createPaidOrders(db: Database, prefix: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const merchantOrderId = `${prefix}-${i}`;
    await insertOrder(db, merchantOrderId, {
      studentFirstName: 'Amal',
      studentLastName: 'Haddad',
      studentEmail: 'amal@example.test',
      schoolName: 'University of Leeds',
      countryCode: 'GBR',
      feeType: 7,
      amount: '100.00',
      currencyCode: 'GBP',
    });
    await markOrderCreated(db, merchantOrderId, `ET-${merchantOrderId}`);
    ids.push(`ET-${merchantOrderId}`);
  }
  // Old enough for the timer's delay.
  await db.query("UPDATE orders SET created_at = now() - interval '1 hour' WHERE merchant_order_id LIKE $1", [
    `${prefix}-%`,
  ]);
  return ids;
}

describe('reconciliation across two instances on one PostgreSQL', () => {
  let cluster: PostgresCluster;
  let first: Database;
  let second: Database;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    // Two pools: two instances of the site, as far as the database can tell.
    first = await openDatabase({ kind: 'postgres', url: cluster.url });
    second = await openDatabase({ kind: 'postgres', url: cluster.url });
  }, 90_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await cluster?.stop();
  });

  it('runs one pass at a time: passes started together on both instances ask ET about each order once', async () => {
    const ids = await createPaidOrders(first, 'TWO', 45);
    // ET answers slowly, so the passes overlap; without the lock each would ask about every order.
    const { gateway, asked } = countingGateway({ delayMs: 100 });
    const options = { olderThanMs: 60_000, batchSize: 10 };
    const reports = await Promise.all([
      reconcileOrders(first, gateway, new OrderUpdates(), options),
      reconcileOrders(second, gateway, new OrderUpdates(), options),
      reconcileOrders(second, gateway, new OrderUpdates(), options),
    ]);
    expect([...asked.values()].every((count) => count === 1)).toBe(true);
    expect(asked.size).toBe(ids.length);
    // One pass did the work; the others were skipped (or, had one started after it ended, found nothing due).
    const working = reports.filter((report) => report.checked > 0);
    expect(working).toHaveLength(1);
    expect(working[0]).toMatchObject({ skipped: false, checked: ids.length });
    expect(reports.some((report) => report.skipped)).toBe(true);
    // A pass right after, on the other instance, finds them checked within the delay: ET is not asked again.
    const after = await reconcileOrders(second, gateway, new OrderUpdates(), options);
    expect(after).toMatchObject({ skipped: false, checked: 0 });
    const [payments] = await first.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM payments WHERE et_order_id LIKE 'ET-TWO-%'",
    );
    expect(payments!.n).toBe(ids.length);
  });

  it('a pass that fails mid-way leaves nothing locked: the other instance runs the next pass at once', async () => {
    await createPaidOrders(first, 'FAIL', 25);
    const failing = countingGateway({ delayMs: 0, failOnQuery: 2 });
    await expect(
      reconcileOrders(first, failing.gateway, new OrderUpdates(), { olderThanMs: 60_000, batchSize: 10 }),
    ).rejects.toThrow('ET unreachable');
    const healthy = countingGateway({ delayMs: 0 });
    const report = await reconcileOrders(second, healthy.gateway, new OrderUpdates(), {
      olderThanMs: 60_000,
      batchSize: 10,
    });
    // The first batch was applied before the failure; the rest are checked now.
    expect(report).toMatchObject({ skipped: false, checked: 15 });
  });

  it('a process killed (kill -9) while holding the pass leaves nothing locked', async () => {
    // Another instance, as a real process, holds the reconciliation lock and hangs. It runs the site's
    // src/db/postgres.ts compiled beforehand (support/site-build.ts): the same code as under tsx, less start-up CPU.
    const postgresModule = pathToFileURL(await builtPostgresModule()).href;
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { openPostgresDatabase } = await import(${JSON.stringify(postgresModule)});
         const db = await openPostgresDatabase(process.env.DATABASE_URL);
         await db.exclusively(${RECONCILE_LOCK_ID}, () => { console.log('holding'); return new Promise(() => {}); });`,
      ],
      { cwd: appDirectory, env: { ...process.env, DATABASE_URL: cluster.url }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('holding')) resolve();
        });
        holder.once('exit', (code) => reject(new Error(`the holder exited (${code})`)));
      });
      const { gateway, asked } = countingGateway({ delayMs: 0 });
      const blocked = await reconcileOrders(first, gateway, new OrderUpdates(), { olderThanMs: 0 });
      expect(blocked.skipped).toBe(true);
      expect(asked.size).toBe(0);
    } finally {
      holder.kill('SIGKILL');
      await exited;
    }
    // The server drops the dead session's lock once it notices the closed connection.
    const { gateway } = countingGateway({ delayMs: 0 });
    await expect
      .poll(async () => (await reconcileOrders(first, gateway, new OrderUpdates(), { olderThanMs: 60_000 })).skipped, {
        timeout: 10_000,
      })
      .toBe(false);
  }, 30_000);
});

describe('reconciliation on PGlite (one process)', () => {
  it('never runs two passes at once: a pass started while one runs is skipped', async () => {
    // A copy of the tests' ready-made PGlite data directory: initdb is not what this test is about.
    const { db, close } = await openTestDatabase('pglite');
    try {
      const ids = await createPaidOrders(db, 'LITE', 12);
      const { gateway, asked } = countingGateway({ delayMs: 20 });
      const reports = await Promise.all([
        reconcileOrders(db, gateway, new OrderUpdates(), { olderThanMs: 60_000, batchSize: 5 }),
        reconcileOrders(db, gateway, new OrderUpdates(), { olderThanMs: 60_000, batchSize: 5 }),
      ]);
      expect(reports.map((report) => report.skipped).sort()).toEqual([false, true]);
      expect(asked.size).toBe(ids.length);
      expect([...asked.values()].every((count) => count === 1)).toBe(true);
      // And it is free again afterwards.
      expect((await reconcileOrders(db, gateway, new OrderUpdates(), { olderThanMs: 60_000 })).skipped).toBe(false);
    } finally {
      await close();
    }
  }, 60_000);
});
