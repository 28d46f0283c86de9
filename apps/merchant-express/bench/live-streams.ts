/**
 * pnpm bench [--seconds N] [--connections C] [--streams 0,100,1000] [--only pglite|postgres]
 *
 * Notifications applied per second by the site while live-update streams are open, on PGlite and on
 * PostgreSQL, in one run. The site runs in this process (as `pnpm start` wires it: on PostgreSQL a page pool
 * and LISTEN/NOTIFY); a second process opens the streams and posts unique signed payment notifications
 * (bench/load-generator.ts, C connections, N seconds after a 2 s warm-up). Each stream watches a page of 100 orders, and the
 * notified orders are among them. The baseline is the same site with no stream open, measured in the same run:
 * the ratio rate(1000 streams) / rate(0 streams) is the figure to watch (target ≥ 0.7).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { openDatabase } from '../src/db/open.js';
import type { PaymentGateway } from '../src/gateway.js';
import { openInstanceLive } from '../src/live/instance-live.js';
import { SessionSigner } from '../src/login/sessions.js';
import { startPostgresCluster } from '../test/support/postgres-cluster.js';
import { serve } from '../test/support/serve.js';

const argument = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
};
const seconds = Number(argument('seconds', '20'));
const connections = Number(argument('connections', '10'));
const streamCounts = argument('streams', '0,100,1000').split(',').map(Number);
const only = argument('only', 'both');
const salt = 'bench-salt-not-a-secret';
const staff = { user: 'bench', password: 'bench-password-not-a-secret' };
const appDirectory = fileURLToPath(new URL('..', import.meta.url));
// Enough unique notifications per phase for ~400/s; past that a body repeats (a duplicate), which is reported.
const ordersPerPhase = Math.max(2000, 400 * (seconds + 3));

const unusedGateway: PaymentGateway = {
  createOrder: () => Promise.reject(new Error('not used by the bench')),
  getPaymentUrl: () => Promise.reject(new Error('not used by the bench')),
  queryOrders: () => Promise.reject(new Error('not used by the bench')),
};

interface LoadResult {
  notificationsPerSecond: number;
  total: number;
  latencyP50: number;
  latencyP99: number;
  non2xx: number;
  errors: number;
  /** The phase used up its orders before the end (its rate is then too low). */
  ranOut: boolean;
  measuredSent: number;
  /** Requests answered, warm-up included. */
  answered: number;
}

/** Starts the stream holder and resolves once its streams have their initial state; `stop` returns the events seen. */
function holdStreams(args: string[]): Promise<{ stop(): Promise<number> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/stream-holder.ts', ...args], {
      cwd: appDirectory,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (/^ready \d+$/m.test(output)) {
        resolve({
          stop: () =>
            new Promise((done) => {
              child.on('exit', () => done(Number(/^events (\d+)$/m.exec(output)?.[1] ?? 0)));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`stream holder exited ${code}: ${output}`)));
  });
}

function runGenerator(args: string[]): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/load-generator.ts', ...args], {
      cwd: appDirectory,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => {
      const line = output.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as LoadResult);
      } catch {
        reject(new Error(`load generator exited ${code}: ${output}`));
      }
    });
  });
}

/** RSS every second while `work` runs: the largest and the last, MB. */
async function withMemory<T>(
  work: () => Promise<T>,
): Promise<{ result: T; peakMb: number; lastMb: number; parts: string }> {
  let peak = process.memoryUsage().rss;
  let last = peak;
  const timer = setInterval(() => {
    last = process.memoryUsage().rss;
    peak = Math.max(peak, last);
  }, 1000);
  try {
    const result = await work();
    const { heapTotal, external } = process.memoryUsage();
    const parts = `V8 heap ${(heapTotal / 1024 / 1024).toFixed(0)} MB, external (PGlite's WebAssembly memory) ${(external / 1024 / 1024).toFixed(0)} MB`;
    return { result, peakMb: peak / 1024 / 1024, lastMb: last / 1024 / 1024, parts };
  } finally {
    clearInterval(timer);
  }
}

async function seedOrders(db: Database, count: number) {
  // One statement: `count` orders waiting for payment; the ids are those of bench/orders.ts.
  await db.query(
    `INSERT INTO orders (merchant_order_id, et_order_id, student_first_name, student_last_name, school_name,
       country_code, fee_type, amount, currency_code, status)
     SELECT 'MOB' || lpad(n::text, 12, '0'), 'ETB' || lpad(n::text, 12, '0'), 'Bench', 'Student', 'University of Bench',
       'GBR', 7, 9500.00, 'GBP', 0
     FROM generate_series(0, $1::int - 1) AS n`,
    [count],
  );
}

async function benchDatabase(kind: 'pglite' | 'postgres') {
  const cleanups: Array<() => Promise<void>> = [];
  try {
    let config: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
    if (kind === 'pglite') {
      const directory = mkdtempSync(join(tmpdir(), 'etkit-bench-pglite-'));
      cleanups.push(async () => rmSync(directory, { recursive: true, force: true }));
      config = { kind: 'pglite', dataDir: join(directory, 'data') };
    } else {
      const cluster = await startPostgresCluster();
      cleanups.push(() => cluster.stop());
      config = { kind: 'postgres', url: cluster.url };
    }
    const db = await openDatabase(config);
    cleanups.push(() => db.close());
    await seedOrders(db, ordersPerPhase * streamCounts.length);
    const live = await openInstanceLive(config, db, () => {});
    cleanups.push(() => live.close());
    const { app } = createApp({
      db,
      pagesDb: live.pagesDb,
      updates: live.updates,
      gateway: unusedGateway,
      publicUrl: 'http://127.0.0.1',
      notifySalts: [salt],
      staff: {
        user: staff.user,
        password: { kind: 'plain', password: staff.password },
        sessions: new SessionSigner(new Uint8Array(32).fill(7)),
      },
      // One signed-in load generator holds every stream.
      maxLiveConnections: 5000,
      maxLiveConnectionsPerSession: 5000,
      log: () => {},
    });
    const site = await serve(app);
    cleanups.push(() => site.close());
    const login = await fetch(`${site.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(staff),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

    const rates = new Map<number, number>();
    const cpuCosts = new Map<number, number>();
    for (const [phase, streams] of streamCounts.entries()) {
      const first = String(phase * ordersPerPhase);
      const holder = await holdStreams([site.url, String(streams), first, String(ordersPerPhase), cookie]);
      const cpuStart = process.cpuUsage();
      const { result, peakMb, lastMb, parts } = await withMemory(() =>
        runGenerator([site.url, String(seconds), String(connections), salt, first, String(ordersPerPhase)]),
      );
      const cpu = process.cpuUsage(cpuStart);
      // Events for the last notifications may still be on their way.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // Less the initial state of every stream (100 orders each), sent before the clock started.
      const streamEvents = (await holder.stop()) - streams * 100;
      // The site's CPU per notification (warm-up included in both): the machine-independent part of the cost.
      const cpuPerNotification = (cpu.user + cpu.system) / result.answered;
      cpuCosts.set(streams, cpuPerNotification);
      rates.set(streams, result.notificationsPerSecond);
      const watchersPerOrder = (streams * 100) / ordersPerPhase;
      console.log(
        `  ${kind.padEnd(8)} ${String(streams).padStart(5)} streams: ${result.notificationsPerSecond.toFixed(1).padStart(7)} notifications/s, ` +
          `p50 ${result.latencyP50} ms, p99 ${result.latencyP99} ms, non-2xx ${result.non2xx}, errors ${result.errors}; ` +
          `${result.ranOut ? 'ran out of orders (phase ended early); ' : ''}` +
          `site CPU ${cpuPerNotification.toFixed(0)} µs/notification; ` +
          `stream events ${streamEvents} (~${watchersPerOrder.toFixed(2)} watching streams per order); ` +
          `site RSS peak ${peakMb.toFixed(0)} MB, last ${lastMb.toFixed(0)} MB (${parts})`,
      );
    }
    const none = rates.get(0);
    if (none !== undefined) {
      for (const [streams, rate] of rates) {
        if (streams > 0)
          console.log(`  ${kind.padEnd(8)} ratio ${streams} streams / 0 streams: ${(rate / none).toFixed(3)}`);
      }
    }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

// What the process holds before any database: Node, tsx, Express, the etkit packages.
const startRssMb = process.memoryUsage().rss / 1024 / 1024;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
console.log(
  `node ${process.version}, ${availableParallelism()} CPUs, load average ${load()}; ${seconds} s per phase, ` +
    `${connections} connections, ${ordersPerPhase} orders per phase; RSS before any database ${startRssMb.toFixed(0)} MB\n`,
);
if (only !== 'postgres') await benchDatabase('pglite');
if (only !== 'pglite') await benchDatabase('postgres');
console.log(`\nload average at the end: ${load()}`);
process.exit(0);
