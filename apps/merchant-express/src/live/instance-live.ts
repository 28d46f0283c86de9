import type { Database } from '../db/database.js';
import type { DatabaseConfig } from '../db/open.js';
import { openPostgresDatabase } from '../db/postgres.js';
import { OrderUpdates } from '../order-updates.js';
import { carryUpdatesThroughPostgres } from './postgres-order-updates.js';

/** Page and live-stream connections on PostgreSQL: apart from the notification pool, and fewer. */
export const PAGE_POOL_SIZE = 4;

export interface InstanceLive {
  updates: OrderUpdates;
  /** Where pages and live streams query: a pool of their own on PostgreSQL; `db` itself on PGlite. */
  pagesDb: Database;
  close(): Promise<void>;
}

/**
 * What one instance needs for pages and live updates, beside the notification database `db`. On PGlite: the
 * in-process bus (one process holds the database). On PostgreSQL: a page pool of PAGE_POOL_SIZE connections
 * and live updates through LISTEN/NOTIFY, so every instance hears every change.
 */
export async function openInstanceLive(
  database: DatabaseConfig,
  db: Database,
  log: (line: string) => void,
): Promise<InstanceLive> {
  const updates = new OrderUpdates();
  if (database.kind === 'pglite') return { updates, pagesDb: db, close: async () => {} };
  const pagesDb = await openPostgresDatabase(database.url, { max: PAGE_POOL_SIZE, applicationName: 'etkit-pages' });
  try {
    const carrier = await carryUpdatesThroughPostgres(updates, database.url, pagesDb, { log });
    return {
      updates,
      pagesDb,
      async close() {
        await carrier.close();
        await pagesDb.close();
      },
    };
  } catch (error) {
    await pagesDb.close();
    throw error;
  }
}
