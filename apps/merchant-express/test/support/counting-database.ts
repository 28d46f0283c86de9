import type { Database, Queryable } from '../../src/db/database.js';

/**
 * Wraps a database and counts the statements that read orders (`SELECT … FROM orders`), inside transactions
 * too: what a live-update test needs to see how many reads one change costs.
 */
export function countingOrderReads(db: Database): { db: Database; reads(): number; reset(): void } {
  let reads = 0;
  const count = (sql: string) => {
    if (/^\s*SELECT\b[\s\S]*\bFROM orders\b/i.test(sql)) reads += 1;
  };
  const wrap = (handle: Queryable): Queryable => ({
    query(sql, params) {
      count(sql);
      return handle.query(sql, params);
    },
    exec: (script) => handle.exec(script),
  });
  return {
    db: {
      ...wrap(db),
      kind: db.kind,
      transaction: (work) => db.transaction((tx) => work(wrap(tx))),
      exclusively: (lockId, work) => db.exclusively(lockId, work),
      close: () => db.close(),
    },
    reads: () => reads,
    reset: () => {
      reads = 0;
    },
  };
}
