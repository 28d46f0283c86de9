import pg from 'pg';
import type { Database, Queryable } from './database.js';

/**
 * A PostgreSQL server through a `pg` connection pool. `pg` returns NUMERIC and BIGINT as strings already.
 * `max`: connections in the pool (default 10); `applicationName` shows in pg_stat_activity.
 */
export async function openPostgresDatabase(
  connectionString: string,
  options: { max?: number; applicationName?: string } = {},
): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, application_name: options.applicationName });
  // Fail at start, with the server's reason, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const wrap = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, [...params]);
      return result.rows as Row[];
    },
    async exec(script: string) {
      await client.query(script);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async exclusively(lockId, work) {
      const client = await pool.connect();
      let locked = false;
      let broken: Error | undefined;
      try {
        const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [lockId]);
        locked = result.rows[0]?.locked === true;
        if (!locked) return { acquired: false };
        return { acquired: true, value: await work() };
      } finally {
        if (locked) {
          await client.query('SELECT pg_advisory_unlock($1)', [lockId]).catch((error: Error) => {
            broken = error;
          });
        }
        // A connection that could not unlock is closed, not pooled: the server drops the lock with the session.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
