import type { Database } from './database';
import { migrate } from './migrate';

export type DatabaseConfig = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const db =
    config.kind === 'postgres'
      ? await (await import('./postgres')).openPostgresDatabase(config.url)
      : await (await import('./pglite')).openPgliteDatabase(config.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
