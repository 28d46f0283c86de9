import type { Queryable } from '../db/database.js';

/**
 * A notification whose signature verified but that @etkit/notify refused: unreadable (MALFORMED, its fields are
 * ET's but break its kind's rules) or ambiguous (AMBIGUOUS, its signed string reads as more than one
 * notification, so it has no fields we can call ET's: only the raw body).
 */
export interface QuarantinedNotification {
  key: string;
  /** The kind its fields point to; `ambiguous` when it has none. */
  kind: string;
  fields?: Readonly<Record<string, string>>;
  rawBody?: string;
  contentType?: string | null;
  reason: string;
}

/**
 * Keeps it in `notification_quarantine` for a person to look at; a resend (or another re-cut of an ambiguous
 * one, which shares its key) counts a delivery instead of adding a row. Nothing is applied.
 */
export async function quarantineNotification(db: Queryable, entry: QuarantinedNotification): Promise<void> {
  let fields: Record<string, string> | null = null;
  if (entry.fields) {
    const { sign: _sign, ...rest } = entry.fields;
    fields = rest;
  }
  await db.query(
    `INSERT INTO notification_quarantine (dedupe_key, kind, et_order_id, fields, reason, raw_body, content_type)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
     ON CONFLICT (dedupe_key) DO UPDATE
       SET deliveries = notification_quarantine.deliveries + 1, last_received_at = now()`,
    [
      entry.key,
      entry.kind,
      fields?.['order_id'] ?? null,
      fields === null ? null : JSON.stringify(fields),
      entry.reason,
      entry.rawBody ?? null,
      entry.contentType ?? null,
    ],
  );
}
