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
  close(): Promise<void>;
}
