import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

const mb = (n: number) => (n / 1048576).toFixed(0);
const show = (label: string) => {
  const m = process.memoryUsage();
  console.log(
    `${label}: rss ${mb(m.rss)} heapUsed ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}`,
  );
};
const defaults = [
  '--single',
  '-F',
  '-O',
  '-j',
  '-c',
  'search_path=public',
  '-c',
  'exit_on_error=false',
  '-c',
  'log_checkpoints=false',
  '-c',
  'max_worker_processes=0',
  '-c',
  'max_parallel_workers=0',
  '-c',
  'max_parallel_workers_per_gather=0',
  '-c',
  'io_method=sync',
  '-c',
  'max_parallel_maintenance_workers=0',
];
const extra = (process.argv[2] ?? '')
  .split(' ')
  .filter(Boolean)
  .flatMap((s) => ['-c', s]);
const initialMemory = process.argv[3] ? Number(process.argv[3]) * 1048576 : undefined;
const dir = process.argv[4] ?? join(mkdtempSync(join(tmpdir(), 'memprobe-')), 'data');
show('start');
const db = await PGlite.create(dir, {
  startParams: [...defaults, ...extra],
  ...(initialMemory ? { initialMemory } : {}),
});
show('created');
const r = await db.query(
  "SELECT current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm, current_setting('wal_buffers') AS wb",
);
console.log(r.rows);
(globalThis as any).gc?.();
await new Promise((r) => setTimeout(r, 500));
(globalThis as any).gc?.();
show('after gc');
await db.close();
process.exit(0);
