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
const opts = JSON.parse(process.argv[2] ?? '{}');
const dir = join(mkdtempSync(join(tmpdir(), 'memprobe-')), 'data');
show('start');
const db = await PGlite.create(dir, opts);
show('created (new dir, initdb)');
await db.close();
show('closed');
(globalThis as any).gc?.();
show('gc');
const db2 = await PGlite.create(dir, opts);
show('reopened existing dir');
for (let i = 0; i < 200; i++) await db2.query('SELECT $1::int', [i]);
show('after 200 queries');
await new Promise((r) => setTimeout(r, 2000));
(globalThis as any).gc?.();
show('after gc');
