import type { Queryable } from '../db/database.js';

/** An order row locked (`FOR UPDATE`) for the transaction that applies a notification or a check to it. */
export interface LockedOrder {
  merchant_order_id: string;
  et_order_id: string;
  status: number | null;
  /** ET's time of the latest status event seen (never a time of ours: ours and ET's clocks differ). */
  status_at: Date | null;
  /** The status came from a check, whose moment in ET's clock is unknown. */
  status_from_check: boolean;
  /** NUMERIC as text. */
  refunded_amount: string;
  /** Counts notifications applied to the order (BIGINT as text with `pg`, a number with PGlite: use `String`). */
  change_seq: string;
}

/** Locks the order by ET order id; concurrent notifications and checks for one order queue here. */
export async function lockOrder(tx: Queryable, etOrderId: string | undefined): Promise<LockedOrder | undefined> {
  if (etOrderId === undefined || etOrderId === '') return undefined;
  const rows = await tx.query<LockedOrder>(
    `SELECT merchant_order_id, et_order_id, status, status_at, status_from_check,
            refunded_amount::text AS refunded_amount, change_seq::text AS change_seq
     FROM orders WHERE et_order_id = $1 FOR UPDATE`,
    [etOrderId],
  );
  return rows[0];
}

/** One line of the order's history (the order page, and tests that count effects). */
export async function addEvent(tx: Queryable, order: LockedOrder, key: string, effect: string, detail: string) {
  await tx.query('INSERT INTO order_events (et_order_id, dedupe_key, effect, detail) VALUES ($1, $2, $3, $4)', [
    order.et_order_id,
    key,
    effect,
    detail,
  ]);
}

/** The refunded total is the sum of the completed refunds recorded (from notifications and from checks). */
export async function recomputeRefundedTotal(tx: Queryable, order: LockedOrder): Promise<void> {
  const [row] = await tx.query<{ total: string }>(
    `UPDATE orders SET refunded_amount = (
       SELECT coalesce(sum(refund_amount), 0) FROM refunds WHERE et_order_id = $2 AND refund_result = 1)
     WHERE merchant_order_id = $1 RETURNING refunded_amount::text AS total`,
    [order.merchant_order_id, order.et_order_id],
  );
  order.refunded_amount = row!.total;
}
