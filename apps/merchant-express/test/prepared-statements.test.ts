import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { openPostgresDatabase } from '../src/db/postgres.js';
import { StatementNames } from '../src/db/statement-names.js';
import { type PostgresCluster, startPostgresCluster } from './support/postgres-cluster.js';

describe('StatementNames', () => {
  it('names each text once, never reuses a name, and names nothing new once full', () => {
    const names = new StatementNames(2, 'p');
    expect(names.nameFor('SELECT $1')).toBe('p0');
    expect(names.nameFor('SELECT $1 + 1')).toBe('p1');
    expect(names.nameFor('SELECT $1')).toBe('p0');
    expect(names.nameFor('SELECT $1 + 2')).toBeUndefined();
    expect(names.nameFor('SELECT $1 + 1')).toBe('p1');
    expect(names.size).toBe(2);
    expect(new StatementNames(0).nameFor('SELECT $1')).toBeUndefined();
  });
});

describe('named prepared statements on PostgreSQL', () => {
  let cluster: PostgresCluster;
  const opened: Database[] = [];
  // One connection, so every statement (the check of pg_prepared_statements too) runs in the same session.
  const open = async (preparedStatements?: number) => {
    const db = await openPostgresDatabase(cluster.url, { max: 1, preparedStatements });
    opened.push(db);
    return db;
  };
  // The session's statements prepared by the pool (not the check itself, which has no parameters: unnamed).
  const prepared = (db: Database) =>
    db.query<{ name: string; statement: string }>(
      "SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'etkit\\_%' ORDER BY name",
    );

  beforeAll(async () => {
    cluster = await startPostgresCluster();
  }, 120_000);
  afterAll(async () => {
    for (const db of opened) await db.close();
    await cluster?.stop();
  });

  it('prepares a repeated parameterised statement once per connection and returns its rows each time', async () => {
    const db = await open();
    const sql = 'SELECT $1::int * 2 AS doubled';
    for (const n of [1, 2, 3]) expect(await db.query(sql, [n])).toEqual([{ doubled: n * 2 }]);
    expect(await prepared(db)).toEqual([{ name: 'etkit_0', statement: sql }]);
  });

  it('prepares statements inside transactions too, and they survive a rollback', async () => {
    const db = await open();
    await db.exec('CREATE TABLE prepared_probe (id int PRIMARY KEY)');
    const insert = 'INSERT INTO prepared_probe (id) VALUES ($1)';
    await expect(
      db.transaction(async (tx) => {
        await tx.query(insert, [1]);
        await tx.query(insert, [1]); // unique violation: the transaction rolls back
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await db.query('SELECT count(*)::int AS n FROM prepared_probe')).toEqual([{ n: 0 }]);
    await db.transaction((tx) => tx.query(insert, [2]));
    expect(await db.query('SELECT id FROM prepared_probe WHERE id >= $1', [0])).toEqual([{ id: 2 }]);
    expect((await prepared(db)).map((row) => row.statement)).toEqual([
      insert,
      'SELECT id FROM prepared_probe WHERE id >= $1',
    ]);
  });

  it('reports a statement that does not parse each time, and the connection goes on working', async () => {
    const db = await open();
    const broken = 'SELEKT $1::int';
    await expect(db.query(broken, [1])).rejects.toMatchObject({ code: '42601' });
    await expect(db.query(broken, [1])).rejects.toMatchObject({ code: '42601' });
    expect(await db.query('SELECT $1::int AS n', [7])).toEqual([{ n: 7 }]);
  });

  it('past the bound runs statements unnamed; with 0 prepares nothing', async () => {
    const bounded = await open(2);
    for (const n of [1, 2, 3, 4]) {
      expect(await bounded.query(`SELECT $1::int + ${n} AS n`, [n])).toEqual([{ n: 2 * n }]);
    }
    expect((await prepared(bounded)).map((row) => row.statement)).toEqual([
      'SELECT $1::int + 1 AS n',
      'SELECT $1::int + 2 AS n',
    ]);
    const unnamed = await open(0);
    expect(await unnamed.query('SELECT $1::int AS n', [5])).toEqual([{ n: 5 }]);
    expect(await prepared(unnamed)).toEqual([]);
  });

  it('sends a statement without parameters unnamed (BEGIN, COMMIT, scripts)', async () => {
    const db = await open();
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await db.transaction((tx) => tx.exec('CREATE TEMP TABLE t (n int); INSERT INTO t VALUES (1)'));
    expect(await prepared(db)).toEqual([]);
  });
});
