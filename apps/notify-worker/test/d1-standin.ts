// A stand-in for a Cloudflare D1 binding for Node tests: the binding's API (prepare → bind → first / run) over a
// real SQLite (sql.js, SQLite compiled to WebAssembly), since D1 is SQLite: the inbox's SQL (upsert with a
// condition, RETURNING, the primary key) runs on the same engine it runs on in D1. As in D1, each statement is
// atomic, and each call is asynchronous: statements of concurrent callers interleave between calls, here in an
// order chosen by `schedule` (how many event-loop turns each call waits), so a test can drive many orders.
import initSqlJs, { type Database } from 'sql.js';
import type { D1DatabaseLike, D1StatementLike } from '../src/d1-inbox.ts';

const engine = initSqlJs();

export interface D1StandIn extends D1DatabaseLike {
  /** Rows of a query, for assertions. */
  rows(query: string, ...values: unknown[]): Record<string, unknown>[];
  /** Statements run so far. */
  readonly statements: number;
  close(): void;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function execute(db: Database, query: string, values: unknown[]): Record<string, unknown>[] {
  const statement = db.prepare(query);
  try {
    statement.bind(values);
    const rows: Record<string, unknown>[] = [];
    while (statement.step()) rows.push(statement.getAsObject());
    return rows;
  } finally {
    statement.free();
  }
}

/** `schedule(n)`: event-loop turns the n-th call waits before it runs (default: none). */
export async function createD1StandIn(schedule: (call: number) => number = () => 0): Promise<D1StandIn> {
  const db = new (await engine).Database();
  let calls = 0;
  let statements = 0;
  const run = async (query: string, values: unknown[]) => {
    for (let wait = schedule(calls++); wait > 0; wait -= 1) await turn();
    statements += 1;
    return execute(db, query, values);
  };
  const statement = (query: string, values: unknown[]): D1StatementLike => ({
    bind: (...next) => statement(query, next),
    first: async <Row>() => ((await run(query, values))[0] ?? null) as Row | null,
    run: async () => ({ success: true, results: await run(query, values) }),
  });
  return {
    prepare: (query) => statement(query, []),
    rows: (query, ...values) => execute(db, query, values),
    get statements() {
      return statements;
    },
    close: () => db.close(),
  };
}
