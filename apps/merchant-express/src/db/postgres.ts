import pg from 'pg';
import type { Database, Queryable } from './database.js';
import { StatementNames } from './statement-names.js';

/** Distinct parameterised SQL texts a pool prepares by name (the app has a few dozen). */
export const DEFAULT_PREPARED_STATEMENTS = 200;

export interface PostgresOptions {
  /** Connections in the pool. Default 10. */
  max?: number;
  /** Shows in pg_stat_activity. */
  applicationName?: string;
  /**
   * How many distinct parameterised statements are prepared by name, once per connection (default
   * DEFAULT_PREPARED_STATEMENTS); 0 runs every statement unnamed, parsed and planned on each call — for a
   * pooler that does not carry named statements between its server connections (PgBouncer in transaction mode
   * before 1.21, or without `max_prepared_statements`).
   */
  preparedStatements?: number;
}

/**
 * A PostgreSQL server through a `pg` connection pool. `pg` returns NUMERIC and BIGINT as strings already.
 * Statements with parameters are named prepared statements (see StatementNames); statements without them — BEGIN,
 * COMMIT, scripts — go as simple queries, which may hold several statements.
 */
export async function openPostgresDatabase(connectionString: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, application_name: options.applicationName });
  const names = new StatementNames(options.preparedStatements ?? DEFAULT_PREPARED_STATEMENTS);
  // Fail at start, with the server's reason, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const wrap = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const name = params.length === 0 ? undefined : names.nameFor(sql);
      const result = await client.query({ text: sql, values: [...params], ...(name === undefined ? {} : { name }) });
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
