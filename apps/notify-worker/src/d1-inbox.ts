/**
 * An @etkit/notify inbox in a Cloudflare D1 database (SQLite): it survives restarts and redeploys and is shared by
 * every isolate and location, so a resend after a restart, or a captured notification replayed a day later, is
 * answered OK without reaching the sink again.
 *
 * `claim` is one statement, an INSERT that on a conflicting key only takes over a claim whose time is up: D1 runs
 * each statement atomically against one primary database, and the primary key lets exactly one of two concurrent
 * claims of a key win. The table is created on first use.
 */
import type { ClaimResult, Inbox } from '@etkit/notify';

/** The part of the D1 binding (`D1Database`) this inbox uses. */
export interface D1DatabaseLike {
  prepare(query: string): D1StatementLike;
}

export interface D1StatementLike {
  bind(...values: unknown[]): D1StatementLike;
  /** The first row of the result, or null. */
  first<Row = Record<string, unknown>>(): Promise<Row | null>;
  run(): Promise<unknown>;
}

export interface D1InboxOptions {
  /**
   * How long a claim may stay unfinished before another delivery may take it over (a worker that died mid-way).
   * Default 5 minutes: ET's first resend comes 1 minute after the first delivery.
   */
  leaseMs?: number;
  /**
   * How long a processed notification is remembered. Default 400 days: long past ET's resends (under 4 hours), so
   * a replay of a captured notification months later is still recognised.
   */
  doneTtlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

const DAY_MS = 24 * 60 * 60_000;
export const D1_INBOX_TABLE = 'etkit_notify_inbox';
/** Every this many completions, rows whose time is up are deleted (a bounded batch), so the table stays small. */
const PURGE_EVERY = 100;
const PURGE_BATCH = 500;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS ${D1_INBOX_TABLE} (
  key TEXT PRIMARY KEY NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('in-progress', 'done')),
  expires_at INTEGER NOT NULL
)`;

// Inserts a new claim, or takes over a row whose time is up; a live row is left alone and returns no row.
const CLAIM = `INSERT INTO ${D1_INBOX_TABLE} (key, state, expires_at) VALUES (?1, 'in-progress', ?2)
  ON CONFLICT (key) DO UPDATE SET state = 'in-progress', expires_at = excluded.expires_at
  WHERE ${D1_INBOX_TABLE}.expires_at <= ?3
  RETURNING state`;
const READ = `SELECT state FROM ${D1_INBOX_TABLE} WHERE key = ?1`;
const COMPLETE = `INSERT INTO ${D1_INBOX_TABLE} (key, state, expires_at) VALUES (?1, 'done', ?2)
  ON CONFLICT (key) DO UPDATE SET state = 'done', expires_at = excluded.expires_at`;
// Only a claim is released: a completed notification stays done.
const RELEASE = `DELETE FROM ${D1_INBOX_TABLE} WHERE key = ?1 AND state = 'in-progress'`;
const PURGE = `DELETE FROM ${D1_INBOX_TABLE} WHERE rowid IN
  (SELECT rowid FROM ${D1_INBOX_TABLE} WHERE expires_at <= ?1 LIMIT ${PURGE_BATCH})`;

export function createD1Inbox(database: D1DatabaseLike, options: D1InboxOptions = {}): Inbox {
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const doneTtlMs = options.doneTtlMs ?? 400 * DAY_MS;
  const now = options.now ?? Date.now;
  for (const [name, value] of Object.entries({ leaseMs, doneTtlMs })) {
    if (!(value > 0) || !Number.isFinite(value)) throw new TypeError(`D1 inbox ${name} must be a positive number`);
  }
  let table: Promise<void> | undefined;
  const ready = () => {
    // A failed creation is tried again by the next delivery rather than remembered.
    table ??= database
      .prepare(CREATE_TABLE)
      .run()
      .then(
        () => undefined,
        (error: unknown) => {
          table = undefined;
          throw error;
        },
      );
    return table;
  };
  let completions = 0;

  return {
    async claim(key): Promise<ClaimResult> {
      await ready();
      const at = now();
      const claimed = await database
        .prepare(CLAIM)
        .bind(key, at + leaseMs, at)
        .first();
      if (claimed !== null) return 'claimed';
      const existing = await database.prepare(READ).bind(key).first<{ state: string }>();
      // No row: released between the two statements. 'in-progress' answers non-OK, so ET resends and claims it.
      return existing?.state === 'done' ? 'done' : 'in-progress';
    },
    async complete(key) {
      await ready();
      const at = now();
      await database
        .prepare(COMPLETE)
        .bind(key, at + doneTtlMs)
        .run();
      completions += 1;
      if (completions % PURGE_EVERY === 0) await database.prepare(PURGE).bind(at).run();
    },
    async release(key) {
      await ready();
      await database.prepare(RELEASE).bind(key).run();
    },
  };
}
