import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open.js';

// The default PGLITE_DATA_DIR is `.etkit-data/merchant-express`: on a fresh checkout neither folder exists.
// One new directory for the whole file: creating it (initdb) is the expensive step, and every test here is about
// that same directory (its folders, its memory settings, what it keeps), so it is made once.
describe('a new PGlite data directory', () => {
  const root = mkdtempSync(join(tmpdir(), 'merchant-pglite-'));
  const dataDir = join(root, '.etkit-data', 'merchant-express');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is created with its missing parents, private to the owner, apart (initdb in a child process), with shared_buffers 16MB', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      // The child process left a complete database for this process to open.
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      expect(await db.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
      expect(await db.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '16MB' }]);
      await db.query(
        `INSERT INTO orders (merchant_order_id, student_first_name, student_last_name, school_name, country_code,
           fee_type, amount, currency_code) VALUES ('MOKEEP', 'Mei', 'Chen', 'Edinburgh', 'GBR', 7, 1, 'GBP')`,
      );
    } finally {
      await db.close();
    }
    // The database holds students' names: the folders etkit creates are private to the owner.
    expect(statSync(join(root, '.etkit-data')).mode & 0o777).toBe(0o700);
    expect(statSync(dataDir).isDirectory()).toBe(true);
  }, 120_000);

  it('keeps its data when opened again', async () => {
    const again = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(await again.query("SELECT merchant_order_id FROM orders WHERE merchant_order_id = 'MOKEEP'")).toEqual([
        { merchant_order_id: 'MOKEEP' },
      ]);
    } finally {
      await again.close();
    }
  }, 60_000);
});
