import type { Notification, NotificationKind } from '@etkit/notify';
import type { Database, Queryable } from '../db/database.js';
import { formatAmount } from '../orders/amount.js';
import { addEvent, type LockedOrder, lockOrder, recomputeRefundedTotal } from '../orders/locked-order.js';
import { FINAL_STATUSES, orderEvent, provisionallyLater, statusLabel } from '../orders/status.js';
import { parseEtDateTime } from './et-time.js';
import { claimInboxKey, recordInboxOutcome } from './inbox.js';

/** What the app needs of a verified notification from @etkit/notify (unknown kinds are stored raw). */
export type VerifiedNotification = Pick<Notification, 'kind' | 'idempotencyKey' | 'raw'>;

export type ApplyResult =
  | { applied: true; merchantOrderId: string | null; outcome: string; checkWanted: boolean }
  | { applied: false; merchantOrderId: string | null; outcome: 'duplicate' };

/** A notification for an ET order this site does not know: not acknowledged, so ET resends it later. */
export class UnknownOrderError extends Error {
  readonly code = 'UNKNOWN_ORDER';
  constructor(readonly etOrderId: string | undefined) {
    super(`notification for unknown ET order ${etOrderId ?? '(no order_id)'}`);
    this.name = 'UnknownOrderError';
  }
}

/** What applying one notification decided beyond its own effects. */
interface Verdict {
  /** The notification could not settle the order's status on its own: ask ET (batch query). */
  checkWanted: boolean;
}

type Effect = (
  tx: Queryable,
  order: LockedOrder,
  fields: Readonly<Record<string, string>>,
  key: string,
  verdict: Verdict,
) => Promise<string>;

const DECIMAL = /^-?\d{1,18}(?:\.\d{1,8})?$/;
const decimalOrNull = (text: string | undefined) => (text !== undefined && DECIMAL.test(text) ? text : null);

/**
 * Applies one verified notification exactly once, in one transaction:
 *   1. lock the order row (concurrent deliveries and checks for one order queue here),
 *   2. claim the notification's key in the inbox (a duplicate stops here and changes nothing),
 *   3. perform its effects, record the outcome, count the change (a check asked before it is stale) and, when
 *      the notification cannot settle the status by itself, mark the order for a check.
 * All of it commits together or not at all.
 */
export async function applyNotification(db: Database, notification: VerifiedNotification, now = new Date()) {
  const { kind, raw: fields, idempotencyKey: key } = notification;
  return db.transaction(async (tx): Promise<ApplyResult> => {
    const order = await lockOrder(tx, fields.order_id);
    if (order === undefined && kind !== 'unknown') throw new UnknownOrderError(fields.order_id);
    const claimed = await claimInboxKey(tx, { key, kind, etOrderId: fields.order_id ?? null, fields });
    const merchantOrderId = order?.merchant_order_id ?? null;
    if (!claimed) return { applied: false, merchantOrderId, outcome: 'duplicate' };
    const verdict: Verdict = { checkWanted: false };
    let outcome = 'stored';
    if (order !== undefined && kind !== 'unknown') outcome = await EFFECTS[kind](tx, order, fields, key, verdict);
    if (verdict.checkWanted) outcome += '; check with ET wanted';
    if (order === undefined) await recordInboxOutcome(tx, key, outcome);
    else {
      // The outcome and the change count in one round trip: both are writes of this transaction, nothing reads
      // either in between.
      await tx.query(
        `WITH outcome AS (UPDATE notification_inbox SET outcome = $5 WHERE dedupe_key = $4)
         UPDATE orders SET updated_at = $2, change_seq = change_seq + 1,
           check_wanted_seq = CASE WHEN $3 THEN change_seq + 1 ELSE check_wanted_seq END
         WHERE merchant_order_id = $1`,
        [order.merchant_order_id, now, verdict.checkWanted, key, outcome],
      );
    }
    return { applied: true, merchantOrderId, outcome, checkWanted: verdict.checkWanted };
  });
}

/**
 * The status rule. ET's times have one-second resolution, so:
 * - a status event strictly later than the latest one seen replaces the status;
 * - an older one is kept in the inbox and changes nothing;
 * - the same status again only moves the latest time forward (a later, older-status event must not win);
 * - a different status in the same second cannot be ordered: ET is asked, and meanwhile the page shows the
 *   one further along the order's life (`provisionallyLater`);
 * - a status that came from a check has no time in ET's clock, so a notification that changes it is applied
 *   (it is most likely newer) and ET is asked again;
 * - a final status (closed, refunded) asks ET once, since periodic checks stop there.
 */
async function moveStatus(
  tx: Queryable,
  order: LockedOrder,
  key: string,
  status: number,
  at: Date,
  verdict: Verdict,
): Promise<string> {
  const place = orderEvent({ status: order.status, at: order.status_at }, { status, at });
  // A status ET never leaves ends the periodic checks: verify the books (payment, refunds) with ET once.
  if (FINAL_STATUSES.includes(status) && place !== 'older') verdict.checkWanted = true;
  if (place === 'same-status') {
    if (order.status_at === null || at.getTime() > order.status_at.getTime()) {
      await tx.query('UPDATE orders SET status_at = $2 WHERE merchant_order_id = $1', [order.merchant_order_id, at]);
      order.status_at = at;
    }
    return `status already ${status}`;
  }
  if (place === 'older') return `status ${status} is older than the current ${order.status}: kept ${order.status}`;
  if (place === 'cannot-order') {
    verdict.checkWanted = true;
    if (!provisionallyLater(order.status, status)) {
      return `status ${status} in the same second as the current ${order.status}: kept ${order.status} until ET says`;
    }
  }
  if (order.status_from_check) verdict.checkWanted = true;
  await tx.query(
    'UPDATE orders SET status = $2, status_at = $3, status_from_check = false WHERE merchant_order_id = $1',
    [order.merchant_order_id, status, at],
  );
  if (place === 'cannot-order') {
    await addEvent(tx, order, key, 'status', `Status: ${statusLabel(status)} (same second as the last: asking ET)`);
    const previous = order.status;
    order.status = status;
    return `status → ${status} for now (same second as the current ${previous}): ET decides`;
  }
  await addEvent(tx, order, key, 'status', `Status: ${statusLabel(status)}`);
  // Later effects in this same transaction compare against the new status.
  order.status = status;
  order.status_at = at;
  order.status_from_check = false;
  return `status → ${status}`;
}

const EFFECTS: Record<Exclude<NotificationKind, 'unknown'>, Effect> = {
  async payment_result(tx, order, fields, key, verdict) {
    const at = parseEtDateTime(fields.pay_datetime);
    if (fields.pay_result !== '1') {
      await addEvent(tx, order, key, 'payment_failed', 'Payment attempt failed');
      return 'payment failed';
    }
    const amount = decimalOrNull(fields.pay_amount);
    const currency = fields.pay_currency_code || 'RMB'; // the documented default (PROTOCOL.md §8)
    // A check may have recorded the payment first, without an amount: the notification's amount fills it in.
    const rows = await tx.query<{ inserted: boolean }>(
      `INSERT INTO payments (et_order_id, pay_amount, pay_currency, paid_at, source, dedupe_key)
       VALUES ($1, $2::numeric, $3, $4, 'notification', $5)
       ON CONFLICT (et_order_id) DO UPDATE
         SET pay_amount = excluded.pay_amount, pay_currency = excluded.pay_currency, paid_at = excluded.paid_at
         WHERE payments.pay_amount IS NULL AND excluded.pay_amount IS NOT NULL
       RETURNING (xmax = 0) AS inserted`,
      [order.et_order_id, amount, currency, at ?? null, key],
    );
    const inserted = rows[0]?.inserted === true;
    const notes = [
      inserted ? 'payment recorded' : rows.length === 1 ? 'payment amount filled in' : 'payment already recorded',
    ];
    if (inserted) {
      const paid = amount === null ? currency : formatAmount(amount, currency);
      await addEvent(tx, order, key, 'paid', `Payment received: ${paid}`);
    }
    // Without a readable time the event cannot be placed among the others: ET decides.
    if (at === undefined) verdict.checkWanted = true;
    else notes.push(await moveStatus(tx, order, key, 1, at, verdict));
    return notes.join('; ');
  },

  async order_status_change(tx, order, fields, key, verdict) {
    const text = fields.order_status ?? '';
    if (!/^-?\d+$/.test(text)) return `ignored: order_status is not an integer`;
    const at = parseEtDateTime(fields.datetime);
    if (at === undefined) {
      verdict.checkWanted = true;
      return `status ${text} without a readable time: ET decides`;
    }
    return moveStatus(tx, order, key, Number(text), at, verdict);
  },

  async refund_result(tx, order, fields, key, verdict) {
    // A refund's result cannot be placed among status changes (a failed one returns the order to a status it
    // does not name): every refund result is a prompt to ask ET.
    verdict.checkWanted = true;
    const amount = decimalOrNull(fields.refund_amount) ?? '0';
    const result = fields.refund_result === '1' ? 1 : 0;
    const inserted = await tx.query(
      `INSERT INTO refunds (et_order_id, refund_order_id, refund_result, refund_amount, refunded_at, dedupe_key, source)
       VALUES ($1, $2, $3, $4::numeric, $5, $6, 'notification')
       ON CONFLICT DO NOTHING RETURNING et_order_id`,
      [order.et_order_id, fields.refund_order_id ?? '', result, amount, parseEtDateTime(fields.refund_datetime), key],
    );
    if (inserted.length === 0) return 'refund already recorded';
    if (result === 0) {
      await addEvent(tx, order, key, 'refund_failed', 'Refund failed');
      return 'refund failed';
    }
    // A check that saw ET's refunded total before this notification came recorded the difference; this refund
    // takes (part of) its place rather than counting twice.
    await tx.query(
      `UPDATE refunds SET refund_amount = refund_amount - LEAST(refund_amount, $2::numeric)
       WHERE et_order_id = $1 AND source = 'reconciliation'`,
      [order.et_order_id, amount],
    );
    await tx.query("DELETE FROM refunds WHERE et_order_id = $1 AND source = 'reconciliation' AND refund_amount = 0", [
      order.et_order_id,
    ]);
    await recomputeRefundedTotal(tx, order);
    await addEvent(tx, order, key, 'refunded', `Refund completed: ${amount}`);
    return `refunded ${amount}`;
  },

  async remittance_voucher(tx, order, fields, key) {
    const url = fields.remittance_voucher_url ?? '';
    if (!/^https?:\/\//i.test(url)) return 'ignored: voucher URL is not http(s)';
    await tx.query('UPDATE orders SET voucher_url = $2 WHERE merchant_order_id = $1', [order.merchant_order_id, url]);
    await addEvent(tx, order, key, 'voucher', 'Remittance voucher received');
    return 'voucher stored';
  },
};
