import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

export const migrationsDirectory = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** Any constant: two app instances starting together take turns on this advisory lock. */
const MIGRATION_LOCK_ID = 730_415_001;

/**
 * Applies each `migrations/NNN_name.sql` not yet recorded in `schema_migrations`, in file-name order, each in
 * its own transaction together with its record, so a failed migration leaves nothing half applied.
 * Returns the names applied by this call.
 */
export async function migrate(db: Database, directory = migrationsDirectory): Promise<string[]> {
  await db.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       name TEXT PRIMARY KEY,
       applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
     )`,
  );
  const files = (await readdir(directory)).filter((name) => /^\d+_[\w-]+\.sql$/.test(name)).sort();
  const applied: string[] = [];
  for (const name of files) {
    const script = await readFile(join(directory, name), 'utf8');
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [name]);
      if (seen.length > 0) return false;
      await tx.exec(script);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      return true;
    });
    if (done) applied.push(name);
  }
  return applied;
}
