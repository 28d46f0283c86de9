import type { Inbox } from '@etkit/notify';
import type { Database, Queryable } from '../db/database.js';

/**
 * The durable inbox: the `notification_inbox` table, one row per event applied.
 *
 * Semantics (exactly-once effects under at-least-once delivery):
 * - The real claim is `claimInboxKey`, an INSERT … ON CONFLICT DO NOTHING made INSIDE the transaction that
 *   performs the event's effects. Claim and effects commit together or roll back together: a crash or error
 *   in between leaves no claim, so ET's next resend applies the event; a committed claim means the effects
 *   are committed too. Two concurrent deliveries of one event queue on the order's row lock and the unique
 *   key; the second sees the row and does nothing.
 * - `databaseInbox(db)` plugs the same table into @etkit/notify's Inbox interface as a read-only pre-check:
 *   `claim` answers 'done' for a key already committed (the resend is acknowledged without running the
 *   handler) and 'claimed' otherwise; `complete` and `release` have nothing to do, because COMMIT or ROLLBACK
 *   of the effect transaction already did it. Unlike a lease-based inbox, nothing can stay "in progress"
 *   after a crash.
 */
export function databaseInbox(db: Database): Inbox {
  return {
    async claim(key) {
      const rows = await db.query('SELECT 1 FROM notification_inbox WHERE dedupe_key = $1', [key]);
      return rows.length > 0 ? 'done' : 'claimed';
    },
    async complete() {},
    async release() {},
  };
}

/**
 * Claims `key` inside the caller's transaction. Returns `false` when a row already exists: the event was applied
 * before (or by a concurrent transaction, which this insert waits for).
 */
export async function claimInboxKey(
  tx: Queryable,
  entry: { key: string; kind: string; etOrderId: string | null; fields: Readonly<Record<string, string>> },
): Promise<boolean> {
  const { sign: _sign, ...fields } = entry.fields;
  const rows = await tx.query(
    `INSERT INTO notification_inbox (dedupe_key, kind, et_order_id, fields, outcome)
     VALUES ($1, $2, $3, $4::jsonb, 'claimed')
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING dedupe_key`,
    [entry.key, entry.kind, entry.etOrderId, JSON.stringify(fields)],
  );
  return rows.length === 1;
}

/** Records, in the same transaction, what applying the event did (for people reading the table). */
export async function recordInboxOutcome(tx: Queryable, key: string, outcome: string): Promise<void> {
  await tx.query('UPDATE notification_inbox SET outcome = $2 WHERE dedupe_key = $1', [key, outcome]);
}
