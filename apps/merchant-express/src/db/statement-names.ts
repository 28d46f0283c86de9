/**
 * Names for the SQL texts a pool runs, so `pg` prepares each one once per connection (a named statement: parsed
 * and planned by the server once, then only bound and executed) instead of parsing it on every call.
 *
 * Bounded: the first `limit` distinct texts get a name, any text after that runs unnamed, as before. A name is
 * never given to another text — `pg` refuses a name it has prepared with different SQL, and the server keeps
 * every named statement for the life of the connection — so the server holds at most `limit` per connection.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly limit: number,
    private readonly prefix = 'etkit_',
  ) {}

  /** The name for `sql`, or `undefined` when the map is full and `sql` is not in it. */
  nameFor(sql: string): string | undefined {
    const known = this.names.get(sql);
    if (known !== undefined || this.names.size >= this.limit) return known;
    const name = `${this.prefix}${this.names.size}`;
    this.names.set(sql, name);
    return name;
  }

  /** Texts named so far. */
  get size(): number {
    return this.names.size;
  }
}
