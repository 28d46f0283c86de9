/**
 * pnpm bench:instances [--seconds N] [--connections C] [--profile DIR] [--statements] [--pin] [--prepared-baseline]
 *
 * Notifications applied per second on one PostgreSQL server, in one run:
 *   - baseline: the same writes by hand with `pg`, one transaction per notification — lock the order, claim the
 *     key in the inbox, the payment, the status, the history lines, the outcome, the change counter — then the
 *     live-update NOTIFY, C concurrent transactions, no HTTP, no signature, no Express;
 *   - the site with 1 instance, then 2 instances: real processes (`src/main.ts`, as `pnpm start`), a load process
 *     posting unique signed payment notifications (bench/load-generator.ts) over C connections split between them.
 * Phases run baseline, 1 instance, 2 instances, baseline again, each after a VACUUM, each on its own orders (seeded
 * waiting for payment), measured N seconds after a warm-up. Printed:
 * rate, p50/p99 latency, and the ratios site / baseline (target ≥ 0.7). Then the books are counted: one payment
 * row and one `paid` history line per order notified, whatever the phase.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { generateKeyPair } from '@etkit/crypto';
import { idempotencyKeyOf } from '@etkit/notify';
import { buildNotification } from '@etkit/notify/testing';
import { freePort } from '@etkit/runtime-harness/free-port';
import pg from 'pg';
import { openDatabase } from '../src/db/open.js';
import { StatementNames } from '../src/db/statement-names.js';
import { ORDER_UPDATES_CHANNEL } from '../src/live/postgres-order-updates.js';
import { startPostgresCluster } from '../test/support/postgres-cluster.js';
import { SiteProcess } from '../test/support/site-process.js';
import { benchEtOrderId, benchMerchantOrderId } from './orders.js';

const argument = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
};
const seconds = Number(argument('seconds', '15'));
const connections = Number(argument('connections', '10'));
// --profile DIR: the site processes write V8 CPU profiles there (open them in Chrome DevTools).
const profileDirectory = argument('profile', '');
// --statements: PostgreSQL counts each statement (pg_stat_statements); each phase prints its calls per notification
// and server time, to see where the site's database work differs from the baseline's.
const statementStatistics = process.argv.includes('--statements');
// --pin: PostgreSQL on CPU 0, everything else (this process, the baseline's pool, the site instances, the load
// process) on CPU 1 — a database server with a core of its own, as in production, instead of all of them
// taking turns on both cores. The baseline and the site get the same split.
const pinned = process.argv.includes('--pin');
// --prepared-baseline: the baseline names its statements too (prepared once per connection, as the site's pool
// does), for a like-for-like comparison; by default it runs them unnamed, as `client.query(text, values)` by hand.
const preparedBaseline = process.argv.includes('--prepared-baseline');
const salt = 'bench-salt-not-a-secret';
const appDirectory = fileURLToPath(new URL('..', import.meta.url));
// Enough unique notifications per phase for ~1500/s; past that a body repeats (a duplicate), which is reported.
const ordersPerPhase = Math.max(5000, 1500 * (seconds + 3));

interface PhaseResult {
  notificationsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  non2xx: number;
  errors: number;
  /** The phase used up its orders before the end (its rate is then too low). */
  ranOut: boolean;
  perInstance?: number[];
  /** Notifications answered over the warm-up and the measured seconds. */
  answered: number;
  /** CPU time the applying process(es) spent per notification answered, ms. */
  cpuMsPerNotification?: number;
  /** CPU time of the load process over the same time (site phases), ms. */
  loadCpuMs?: number;
  /** CPU time of the PostgreSQL server per notification answered, ms. */
  databaseCpuMsPerNotification?: number;
  /** The machine's 1-minute load average at the end of the phase (the machine is shared). */
  loadAverage?: number;
}

/** CPU time (user + system) a process has used so far, ms, from /proc (Linux). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/**
 * CPU time the PostgreSQL server has used so far, ms: the postmaster, its live children (backends, writers) and
 * the children it has reaped. One server serves every phase: read before and after each.
 */
function databaseCpuMs(postmasterPid: number): number {
  const stat = (pid: number | string) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const own = stat(postmasterPid);
  // utime, stime, cutime, cstime: fields 14–17 of stat, 12–15 after the command name.
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = stat(entry);
      if (Number(fields[1]) === postmasterPid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone since the listing
    }
  }
  return (ticks * 1000) / 100;
}

/** PostgreSQL's processes (and the backends it forks later) on CPU 0; this process and its children on CPU 1. */
function pinToCpus(postmasterPid: number, ownPid: number): void {
  if (availableParallelism() < 2) throw new Error('--pin needs two CPUs');
  const serverPids = [postmasterPid];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (parent === postmasterPid) serverPids.push(Number(entry));
    } catch {
      // gone since the listing
    }
  }
  for (const pid of serverPids) execFileSync('taskset', ['-a', '-p', '-c', '0', String(pid)], { stdio: 'ignore' });
  execFileSync('taskset', ['-a', '-p', '-c', '1', String(ownPid)], { stdio: 'ignore' });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/**
 * The baseline: what applying a payment notification writes, by hand — the statements `applyNotification` runs
 * for a first payment of an order waiting for it (see src/notifications/apply.ts), in one transaction.
 */
async function baseline(url: string, first: number): Promise<PhaseResult> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  // Prepared before the clock starts, as the load process signs before it.
  const work = Array.from({ length: ordersPerPhase }, (_, index) => {
    const { fields } = buildNotification({
      salt,
      kind: 'payment_result',
      fields: { order_id: benchEtOrderId(first + index) },
    });
    return { fields, key: idempotencyKeyOf('payment_result', fields) };
  });
  let next = 0;
  const names = new StatementNames(preparedBaseline ? 100 : 0, 'baseline_');
  const apply = async (item: (typeof work)[number]) => {
    const pooled = await pool.connect();
    const client = {
      query: <Row extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
        const name = values === undefined ? undefined : names.nameFor(text);
        return pooled.query<Row>({ text, values, ...(name === undefined ? {} : { name }) });
      },
    };
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ merchant_order_id: string; et_order_id: string }>(
        `SELECT merchant_order_id, et_order_id, status, status_at, status_from_check,
                refunded_amount::text AS refunded_amount, change_seq::text AS change_seq
         FROM orders WHERE et_order_id = $1 FOR UPDATE`,
        [item.fields.order_id],
      );
      const order = rows[0]!;
      const { sign: _sign, ...stored } = item.fields;
      const claimed = await client.query(
        `INSERT INTO notification_inbox (dedupe_key, kind, et_order_id, fields, outcome)
         VALUES ($1, $2, $3, $4::jsonb, 'claimed') ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key`,
        [item.key, 'payment_result', order.et_order_id, JSON.stringify(stored)],
      );
      if (claimed.rows.length === 1) {
        const at = new Date('2026-11-28T02:00:00Z');
        await client.query(
          `INSERT INTO payments (et_order_id, pay_amount, pay_currency, paid_at, source, dedupe_key)
           VALUES ($1, $2::numeric, $3, $4, 'notification', $5)
           ON CONFLICT (et_order_id) DO UPDATE
             SET pay_amount = excluded.pay_amount, pay_currency = excluded.pay_currency, paid_at = excluded.paid_at
             WHERE payments.pay_amount IS NULL AND excluded.pay_amount IS NOT NULL
           RETURNING (xmax = 0) AS inserted`,
          [order.et_order_id, item.fields.pay_amount, item.fields.pay_currency_code, at, item.key],
        );
        const event = 'INSERT INTO order_events (et_order_id, dedupe_key, effect, detail) VALUES ($1, $2, $3, $4)';
        await client.query(event, [order.et_order_id, item.key, 'paid', 'Payment received: 10,000.00 RMB']);
        await client.query(
          'UPDATE orders SET status = $2, status_at = $3, status_from_check = false WHERE merchant_order_id = $1',
          [order.merchant_order_id, 1, at],
        );
        await client.query(event, [order.et_order_id, item.key, 'status', 'Status: Paid']);
        await client.query('UPDATE notification_inbox SET outcome = $2 WHERE dedupe_key = $1', [
          item.key,
          'payment recorded; status → 1',
        ]);
        await client.query(
          `UPDATE orders SET updated_at = $2, change_seq = change_seq + 1,
             check_wanted_seq = CASE WHEN $3 THEN change_seq + 1 ELSE check_wanted_seq END
           WHERE merchant_order_id = $1`,
          [order.merchant_order_id, new Date(), false],
        );
      }
      await client.query('COMMIT');
      if (claimed.rows.length === 1) {
        await client.query('SELECT pg_notify($1, $2)', [
          ORDER_UPDATES_CHANNEL,
          JSON.stringify({ o: order.merchant_order_id, w: 'order' }),
        ]);
      }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      pooled.release();
    }
  };
  const drive = async (durationMs: number, latencies: number[] | undefined) => {
    const end = performance.now() + durationMs;
    let done = 0;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end && next < work.length) {
          const started = performance.now();
          await apply(work[next++]!);
          latencies?.push(performance.now() - started);
          done += 1;
        }
      }),
    );
    return done;
  };
  try {
    const cpuBefore = process.cpuUsage();
    const warm = await drive(2000, undefined); // warm-up, as the load process does
    const latencies: number[] = [];
    const done = await drive(seconds * 1000, latencies);
    const cpu = process.cpuUsage(cpuBefore);
    latencies.sort((a, b) => a - b);
    return {
      notificationsPerSecond: done / seconds,
      latencyP50: Math.round(percentile(latencies, 0.5) * 10) / 10,
      latencyP99: Math.round(percentile(latencies, 0.99) * 10) / 10,
      non2xx: 0,
      errors: 0,
      ranOut: next >= work.length,
      answered: warm + done,
      cpuMsPerNotification: (cpu.user + cpu.system) / 1000 / (warm + done),
    };
  } finally {
    await pool.end();
  }
}

function runLoad(urls: string[], first: number): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const args = [urls.join(','), String(seconds), String(connections), salt, String(first), String(ordersPerPhase)];
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/load-generator.ts', ...args], {
      cwd: appDirectory,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => {
      try {
        resolve(JSON.parse(output.trim().split('\n').pop() ?? '') as PhaseResult);
      } catch {
        reject(new Error(`load process exited ${code}: ${output}`));
      }
    });
  });
}

async function site(instances: number, env: Record<string, string>, first: number): Promise<PhaseResult> {
  const ports: number[] = [];
  for (let i = 0; i < instances; i += 1) ports.push(await freePort());
  const profiling = profileDirectory === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`];
  const sites = ports.map((port) => new SiteProcess({ ...env, PORT: String(port) }, profiling));
  try {
    await Promise.all(sites.map((instance) => instance.start()));
    const cpuBefore = sites.map((instance) => cpuMs(instance.pid));
    const result = await runLoad(
      ports.map((port) => `http://127.0.0.1:${port}`),
      first,
    );
    const cpu = sites.reduce((sum, instance, index) => sum + cpuMs(instance.pid) - cpuBefore[index]!, 0);
    // Over the warm-up and the measured seconds: every notification the instances answered.
    return { ...result, cpuMsPerNotification: cpu / result.answered };
  } finally {
    for (const instance of sites) await instance.stop();
  }
}

const line = (name: string, result: PhaseResult) =>
  `  ${name.padEnd(22)} ${result.notificationsPerSecond.toFixed(1).padStart(7)} notifications/s, ` +
  `p50 ${result.latencyP50} ms, p99 ${result.latencyP99} ms` +
  (result.perInstance === undefined
    ? ''
    : ` (per instance ${result.perInstance.map((r) => r.toFixed(0)).join(' + ')}/s)`) +
  `, CPU ${result.cpuMsPerNotification?.toFixed(2)} ms per notification in the ${name.startsWith('baseline') ? 'baseline process' : 'site process(es)'}` +
  (result.loadCpuMs === undefined
    ? ''
    : ` + ${(result.loadCpuMs / result.answered).toFixed(2)} ms in the load process`) +
  ` + ${result.databaseCpuMsPerNotification?.toFixed(2)} ms in PostgreSQL` +
  `, load average ${result.loadAverage?.toFixed(1)}, non-2xx ${result.non2xx}, errors ${result.errors}${result.ranOut ? ', ran out of orders (phase ended early)' : ''}`;

/** The phase's statements by server time: calls and milliseconds per notification answered. */
async function printStatements(db: Awaited<ReturnType<typeof openDatabase>>, answered: number): Promise<void> {
  const rows = await db.query<{ query: string; calls: number; ms: number }>(
    `SELECT regexp_replace(query, '\\s+', ' ', 'g') AS query, calls::int AS calls, total_exec_time AS ms
     FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 16`,
  );
  const calls = rows.reduce((sum, row) => sum + row.calls, 0);
  console.log(`    statements: ${(calls / answered).toFixed(2)} per notification (top 16 by server time)`);
  for (const row of rows) {
    console.log(
      `    ${(row.calls / answered).toFixed(2).padStart(6)}× ${((row.ms / answered) * 1000).toFixed(0).padStart(5)} µs  ${row.query.slice(0, 110)}`,
    );
  }
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
console.log(
  `node ${process.version}, ${availableParallelism()} CPUs, load average ${load()}; ${seconds} s per phase ` +
    `after 2 s of warm-up, ${connections} connections, ${ordersPerPhase} orders per phase` +
    `${pinned ? '; PostgreSQL pinned to CPU 0, the rest to CPU 1' : ''}` +
    `; baseline statements ${preparedBaseline ? 'prepared by name' : 'unnamed'}\n`,
);

const cluster = await startPostgresCluster(
  statementStatistics ? ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all'] : [],
);
try {
  // Applies the migrations before any instance starts.
  const db = await openDatabase({ kind: 'postgres', url: cluster.url });
  // Three phases' orders, waiting for payment; the ids are those of bench/orders.ts.
  await db.query(
    `INSERT INTO orders (merchant_order_id, et_order_id, student_first_name, student_last_name, school_name,
       country_code, fee_type, amount, currency_code, status)
     SELECT $2 || lpad(n::text, 12, '0'), $3 || lpad(n::text, 12, '0'), 'Bench', 'Student', 'University of Bench',
       'GBR', 7, 9500.00, 'GBP', 0
     FROM generate_series(0, $1::int - 1) AS n`,
    [ordersPerPhase * 4, benchMerchantOrderId(0).slice(0, 3), benchEtOrderId(0).slice(0, 3)],
  );
  const merchantKeys = await generateKeyPair(2048);
  const etKeys = await generateKeyPair(2048);
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    DATABASE_URL: cluster.url,
    // Never called: payment notifications of orders waiting for payment ask ET nothing, and the timer is off.
    ET_ENVIRONMENT: 'http://127.0.0.1:9/server',
    ET_MERCHANT_NUMBER: 'ET82009',
    ET_SUB_MERCHANT_NUMBER: 'ET82009-01',
    ET_MERCHANT_PRIVATE_KEY: merchantKeys.privateKeyPem,
    ET_PUBLIC_KEY: etKeys.publicKeyPem,
    ET_NOTIFY_SALT: salt,
    RECONCILE_INTERVAL_SECONDS: '0',
    STAFF_USER: 'bench',
    STAFF_PASSWORD: 'bench-password-not-a-secret',
    SESSION_SECRET: 'bench-session-secret-not-a-secret-0123456789',
  };

  const [{ data_directory: dataDirectory }] = (await db.query<{ data_directory: string }>('SHOW data_directory')) as [
    { data_directory: string },
  ];
  const postmasterPid = Number(readFileSync(`${dataDirectory}/postmaster.pid`, 'utf8').split('\n')[0]);
  if (pinned) pinToCpus(postmasterPid, process.pid);
  const withDatabaseCpu = async (phase: () => Promise<PhaseResult>): Promise<PhaseResult> => {
    // Each phase starts from tables without the previous phases' dead rows: measured without this, the same
    // baseline run third was 25–35 % slower than run first, which would be charged to whatever ran later.
    await db.exec('VACUUM ANALYZE');
    await db.exec('CHECKPOINT');
    if (statementStatistics)
      await db.exec('CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()');
    const before = databaseCpuMs(postmasterPid);
    const result = await phase();
    if (statementStatistics) await printStatements(db, result.answered);
    return {
      ...result,
      databaseCpuMsPerNotification: (databaseCpuMs(postmasterPid) - before) / result.answered,
      loadAverage: loadavg()[0],
    };
  };
  // Baseline first and last (A B C A): what drifts over the run (the tables grow, the machine's other load
  // changes) weighs on both sides; the site is compared with the mean of the two baseline runs.
  const results = {
    baseline: await withDatabaseCpu(() => baseline(cluster.url, 0)),
    one: await withDatabaseCpu(() => site(1, env, ordersPerPhase)),
    two: await withDatabaseCpu(() => site(2, env, 2 * ordersPerPhase)),
    baselineAgain: await withDatabaseCpu(() => baseline(cluster.url, 3 * ordersPerPhase)),
  };
  const baselineRate = (results.baseline.notificationsPerSecond + results.baselineAgain.notificationsPerSecond) / 2;
  console.log(line('baseline (pg by hand)', results.baseline));
  console.log(line('site, 1 instance', results.one));
  console.log(line('site, 2 instances', results.two));
  console.log(line('baseline again', results.baselineAgain));
  console.log(
    `  ratio site / baseline: 1 instance ${(results.one.notificationsPerSecond / baselineRate).toFixed(3)}, ` +
      `2 instances ${(results.two.notificationsPerSecond / baselineRate).toFixed(3)} ` +
      `(against the mean of the two baseline runs, ${baselineRate.toFixed(1)}/s)`,
  );

  // Each payment applied once: one payment row and one `paid` line per order notified, in every phase.
  const [books] = await db.query<{ payments: number; paid_lines: number; paid_orders: number; inbox: number }>(
    `SELECT (SELECT count(*)::int FROM payments) AS payments,
            (SELECT count(*)::int FROM order_events WHERE effect = 'paid') AS paid_lines,
            (SELECT count(*)::int FROM orders WHERE status = 1) AS paid_orders,
            (SELECT count(*)::int FROM notification_inbox) AS inbox`,
  );
  console.log(
    `  books: ${books!.payments} payment rows, ${books!.paid_lines} 'paid' lines, ${books!.paid_orders} orders paid, ` +
      `${books!.inbox} inbox rows${books!.payments === books!.paid_lines && books!.paid_lines === books!.paid_orders && books!.inbox === books!.payments ? ' (each once)' : ' — MISMATCH'}`,
  );
  await db.close();
} finally {
  await cluster.stop();
}
console.log(`\nload average at the end: ${load()}`);
process.exit(0);
