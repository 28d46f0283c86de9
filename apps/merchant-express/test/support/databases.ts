import type { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/open.js';
import { copyPgliteTemplate } from './pglite-template.js';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster.js';

export type DatabaseKind = 'pglite' | 'postgres';
export const databaseKinds: readonly DatabaseKind[] = ['pglite', 'postgres'];

/** A fresh, migrated database of the given kind; `close` also stops the PostgreSQL cluster it started. */
export async function openTestDatabase(kind: DatabaseKind): Promise<{ db: Database; close(): Promise<void> }> {
  if (kind === 'pglite') {
    // A copy of a ready-made data directory: seconds faster than initdb in a new `memory://` one.
    const copy = await copyPgliteTemplate();
    try {
      const db = await openDatabase({ kind: 'pglite', dataDir: copy.dataDir });
      return {
        db,
        async close() {
          await db.close();
          copy.remove();
        },
      };
    } catch (error) {
      copy.remove();
      throw error;
    }
  }
  const cluster: PostgresCluster = await startPostgresCluster();
  try {
    const db = await openDatabase({ kind: 'postgres', url: cluster.url });
    return {
      db,
      async close() {
        await db.close();
        await cluster.stop();
      },
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
