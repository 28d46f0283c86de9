import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open.js';

describe('the embedded database keeps its memory small', () => {
  const root = mkdtempSync(join(tmpdir(), 'merchant-pglite-memory-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a new directory is created apart (initdb in a child process), runs with shared_buffers 16MB, and keeps its data', async () => {
    const dataDir = join(root, 'data');
    const first = await openDatabase({ kind: 'pglite', dataDir });
    try {
      // The child process left a complete database for this process to open.
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      expect(await first.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '16MB' }]);
      await first.query(
        `INSERT INTO orders (merchant_order_id, student_first_name, student_last_name, school_name, country_code,
           fee_type, amount, currency_code) VALUES ('MOKEEP', 'Mei', 'Chen', 'Edinburgh', 'GBR', 7, 1, 'GBP')`,
      );
    } finally {
      await first.close();
    }
    const again = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(await again.query("SELECT merchant_order_id FROM orders WHERE merchant_order_id = 'MOKEEP'")).toEqual([
        { merchant_order_id: 'MOKEEP' },
      ]);
    } finally {
      await again.close();
    }
  }, 120_000);
});
