import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open.js';

// The default PGLITE_DATA_DIR is `.etkit-data/merchant-express`: on a fresh checkout neither folder exists.
describe('PGlite data directory', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  it('creates a data directory whose parents do not exist yet, readable by the owner only', async () => {
    const root = mkdtempSync(join(tmpdir(), 'merchant-pglite-'));
    roots.push(root);
    const dataDir = join(root, '.etkit-data', 'merchant-express');

    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(await db.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
    // The database holds students' names: the folders etkit creates are private to the owner.
    expect(statSync(join(root, '.etkit-data')).mode & 0o777).toBe(0o700);
    expect(statSync(dataDir).isDirectory()).toBe(true);
  }, 60_000);
});
