import type { Queryable } from '../db/database';

/** A notification whose signature verified but whose fields @etkit/notify could not read. */
export interface UnreadableNotification {
  key: string;
  kind: string;
  fields: Readonly<Record<string, string>>;
  reason: string;
}

/**
 * Keeps it in `notification_quarantine` for a person to look at; a resend counts a delivery instead of adding a
 * row. Nothing is applied: the fields did not pass the checks that guard the order's state.
 */
export async function quarantineNotification(db: Queryable, entry: UnreadableNotification): Promise<void> {
  const { sign: _sign, ...fields } = entry.fields;
  await db.query(
    `INSERT INTO notification_quarantine (dedupe_key, kind, et_order_id, fields, reason)
     VALUES ($1, $2, $3, $4::jsonb, $5)
     ON CONFLICT (dedupe_key) DO UPDATE
       SET deliveries = notification_quarantine.deliveries + 1, last_received_at = now()`,
    [entry.key, entry.kind, fields['order_id'] ?? null, JSON.stringify(fields), entry.reason],
  );
}
