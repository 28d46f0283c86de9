import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.js';
import { createPgliteDirectoryApart, pgliteMemoryOptions } from './pglite-memory.js';

/**
 * Embedded PostgreSQL (WebAssembly). `dataDir` is a directory that persists between runs, or `memory://`
 * for a throwaway database (tests). PGlite is one connection: its transactions are serialised by a mutex,
 * which gives the same isolation the server gives us with row locks.
 */
export async function openPgliteDatabase(dataDir: string): Promise<Database> {
  // PGlite creates only the last folder of the path; the default `.etkit-data/merchant-express` has a parent
  // that a fresh checkout lacks. The database holds students' names, so what we create is the owner's alone.
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  await createPgliteDirectoryApart(dataDir);
  const db = await PGlite.create(dataDir, pgliteMemoryOptions());
  const wrap = (handle: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await handle.query<Row>(sql, [...params]);
      return result.rows;
    },
    async exec(script: string) {
      await handle.exec(script);
    },
  });
  const held = new Set<number>();
  return {
    kind: 'pglite',
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    async exclusively(lockId, work) {
      if (held.has(lockId)) return { acquired: false };
      held.add(lockId);
      try {
        return { acquired: true, value: await work() };
      } finally {
        held.delete(lockId);
      }
    },
    close: () => db.close(),
  };
}
