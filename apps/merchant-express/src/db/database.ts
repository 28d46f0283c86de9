/**
 * The one small database interface the app is written against. Two implementations run the very same SQL:
 * embedded PGlite (the default; a directory or memory) and a PostgreSQL server through `pg` (DATABASE_URL).
 * Placeholders are `$1, $2, …`; NUMERIC columns come back as strings in both, so money never touches a float.
 */
export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws.
   * Statements inside must use the `tx` handle, never the outer database.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `work` only if no other holder of `lockId` is running, across every process sharing the database:
   * a PostgreSQL session advisory lock on a connection held for the duration (released when `work` ends, and by
   * the server when the process or connection dies, so a pass that dies mid-way leaves nothing locked); on PGlite,
   * which one process owns, an in-process guard. Never waits: `{ acquired: false }` when it is held.
   */
  exclusively<T>(lockId: number, work: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }>;
  close(): Promise<void>;
}
