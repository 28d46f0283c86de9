import type { Notification, NotificationKind } from '@etkit/notify';
import type { Database, Queryable } from '../db/database';
import { formatAmount } from '../orders/amount';
import { statusLabel, supersedes } from '../orders/status';
import { parseEtDateTime } from './et-time';
import { claimInboxKey, recordInboxOutcome } from './inbox';

/** What the app needs of a verified notification from @etkit/notify (unknown kinds are stored raw). */
export type VerifiedNotification = Pick<Notification, 'kind' | 'idempotencyKey' | 'raw'>;

export type ApplyResult =
  | { applied: true; merchantOrderId: string | null; outcome: string }
  | { applied: false; merchantOrderId: string | null; outcome: 'duplicate' };

/** A notification for an ET order this site does not know: not acknowledged, so ET resends it later. */
export class UnknownOrderError extends Error {
  readonly code = 'UNKNOWN_ORDER';
  constructor(readonly etOrderId: string | undefined) {
    super(`notification for unknown ET order ${etOrderId ?? '(no order_id)'}`);
    this.name = 'UnknownOrderError';
  }
}

interface LockedOrder {
  merchant_order_id: string;
  et_order_id: string;
  status: number | null;
  status_at: Date | null;
}

type Effect = (
  tx: Queryable,
  order: LockedOrder,
  fields: Readonly<Record<string, string>>,
  key: string,
) => Promise<string>;

const DECIMAL = /^-?\d{1,18}(?:\.\d{1,8})?$/;
const decimalOrNull = (text: string | undefined) => (text !== undefined && DECIMAL.test(text) ? text : null);

/**
 * Applies one verified notification exactly once, in one transaction:
 *   1. lock the order row (concurrent deliveries for one order queue here),
 *   2. claim the notification's key in the inbox (a duplicate stops here and changes nothing),
 *   3. perform its effects and record the outcome.
 * All three commit together or not at all.
 */
export async function applyNotification(db: Database, notification: VerifiedNotification, now = new Date()) {
  const { kind, raw: fields, idempotencyKey: key } = notification;
  return db.transaction(async (tx): Promise<ApplyResult> => {
    const order = await lockOrder(tx, fields.order_id);
    if (order === undefined && kind !== 'unknown') throw new UnknownOrderError(fields.order_id);
    const claimed = await claimInboxKey(tx, { key, kind, etOrderId: fields.order_id ?? null, fields });
    const merchantOrderId = order?.merchant_order_id ?? null;
    if (!claimed) return { applied: false, merchantOrderId, outcome: 'duplicate' };
    const outcome = order === undefined || kind === 'unknown' ? 'stored' : await EFFECTS[kind](tx, order, fields, key);
    await recordInboxOutcome(tx, key, outcome);
    if (order !== undefined) await touchOrder(tx, order, now);
    return { applied: true, merchantOrderId, outcome };
  });
}

/**
 * Applies what a reconciliation query saw for an order ("ET says status S"), through the same inbox, so running
 * it twice, or alongside the late notification, changes nothing more. The observation is timed `now`.
 */
export async function applyReconciledStatus(
  db: Database,
  observation: { etOrderId: string; status: number; payAmount?: string; payCurrency?: string },
  now = new Date(),
) {
  const fields: Record<string, string> = { order_id: observation.etOrderId, order_status: String(observation.status) };
  const kind = 'reconciliation';
  const key = `${kind}:${observation.etOrderId}:${observation.status}`;
  return db.transaction(async (tx): Promise<ApplyResult> => {
    const order = await lockOrder(tx, observation.etOrderId);
    if (order === undefined) throw new UnknownOrderError(observation.etOrderId);
    const merchantOrderId = order.merchant_order_id;
    const claimed = await claimInboxKey(tx, { key, kind, etOrderId: observation.etOrderId, fields });
    if (!claimed) return { applied: false, merchantOrderId, outcome: 'duplicate' };
    const notes: string[] = [];
    // A paid-or-later status means a payment happened even if its notification never came.
    if ([1, 2, 3, 4].includes(observation.status)) {
      const inserted = await tx.query(
        `INSERT INTO payments (et_order_id, pay_amount, pay_currency, paid_at, source, dedupe_key)
         VALUES ($1, $2::numeric, $3, $4, 'reconciliation', $5)
         ON CONFLICT (et_order_id) DO NOTHING RETURNING et_order_id`,
        [order.et_order_id, decimalOrNull(observation.payAmount), observation.payCurrency ?? null, now, key],
      );
      if (inserted.length === 1) {
        await addEvent(tx, order, key, 'paid', 'Payment found by reconciliation');
        notes.push('payment recorded');
      }
    }
    notes.push(await moveStatus(tx, order, key, observation.status, now));
    const outcome = `reconciled: ${notes.join('; ')}`;
    await recordInboxOutcome(tx, key, outcome);
    await touchOrder(tx, order, now);
    return { applied: true, merchantOrderId, outcome };
  });
}

async function lockOrder(tx: Queryable, etOrderId: string | undefined): Promise<LockedOrder | undefined> {
  if (etOrderId === undefined || etOrderId === '') return undefined;
  const rows = await tx.query<LockedOrder>(
    'SELECT merchant_order_id, et_order_id, status, status_at FROM orders WHERE et_order_id = $1 FOR UPDATE',
    [etOrderId],
  );
  return rows[0];
}

async function touchOrder(tx: Queryable, order: LockedOrder, now: Date) {
  await tx.query('UPDATE orders SET updated_at = $2 WHERE merchant_order_id = $1', [order.merchant_order_id, now]);
}

async function addEvent(tx: Queryable, order: LockedOrder, key: string, effect: string, detail: string) {
  await tx.query('INSERT INTO order_events (et_order_id, dedupe_key, effect, detail) VALUES ($1, $2, $3, $4)', [
    order.et_order_id,
    key,
    effect,
    detail,
  ]);
}

/** Moves the order to `status` if this event is newer than the one that set the current status. */
async function moveStatus(tx: Queryable, order: LockedOrder, key: string, status: number, at: Date): Promise<string> {
  if (order.status === status) return `status already ${status}`;
  if (!supersedes({ status: order.status, at: order.status_at }, { status, at })) {
    return `status ${status} is older than the current ${order.status}: kept ${order.status}`;
  }
  await tx.query('UPDATE orders SET status = $2, status_at = $3 WHERE merchant_order_id = $1', [
    order.merchant_order_id,
    status,
    at,
  ]);
  await addEvent(tx, order, key, 'status', `Status: ${statusLabel(status)}`);
  // Later effects in this same transaction compare against the new status.
  order.status = status;
  order.status_at = at;
  return `status → ${status}`;
}

const EFFECTS: Record<Exclude<NotificationKind, 'unknown'>, Effect> = {
  async payment_result(tx, order, fields, key) {
    const at = parseEtDateTime(fields.pay_datetime) ?? new Date();
    if (fields.pay_result !== '1') {
      await addEvent(tx, order, key, 'payment_failed', 'Payment attempt failed');
      return 'payment failed';
    }
    const amount = decimalOrNull(fields.pay_amount);
    const currency = fields.pay_currency_code || 'RMB'; // the documented default (PROTOCOL.md §8)
    const inserted = await tx.query(
      `INSERT INTO payments (et_order_id, pay_amount, pay_currency, paid_at, source, dedupe_key)
       VALUES ($1, $2::numeric, $3, $4, 'notification', $5)
       ON CONFLICT (et_order_id) DO NOTHING RETURNING et_order_id`,
      [order.et_order_id, amount, currency, at, key],
    );
    const notes = [inserted.length === 1 ? 'payment recorded' : 'payment already recorded'];
    if (inserted.length === 1) {
      const paid = amount === null ? currency : formatAmount(amount, currency);
      await addEvent(tx, order, key, 'paid', `Payment received: ${paid}`);
    }
    notes.push(await moveStatus(tx, order, key, 1, at));
    return notes.join('; ');
  },

  async order_status_change(tx, order, fields, key) {
    const text = fields.order_status ?? '';
    if (!/^-?\d+$/.test(text)) return `ignored: order_status is not an integer`;
    const at = parseEtDateTime(fields.datetime) ?? new Date();
    return moveStatus(tx, order, key, Number(text), at);
  },

  async refund_result(tx, order, fields, key) {
    const amount = decimalOrNull(fields.refund_amount) ?? '0';
    const result = fields.refund_result === '1' ? 1 : 0;
    const inserted = await tx.query(
      `INSERT INTO refunds (et_order_id, refund_order_id, refund_result, refund_amount, refunded_at, dedupe_key)
       VALUES ($1, $2, $3, $4::numeric, $5, $6)
       ON CONFLICT DO NOTHING RETURNING et_order_id`,
      [order.et_order_id, fields.refund_order_id ?? '', result, amount, parseEtDateTime(fields.refund_datetime), key],
    );
    if (inserted.length === 0) return 'refund already recorded';
    if (result === 0) {
      await addEvent(tx, order, key, 'refund_failed', 'Refund failed');
      return 'refund failed';
    }
    await tx.query('UPDATE orders SET refunded_amount = refunded_amount + $2::numeric WHERE merchant_order_id = $1', [
      order.merchant_order_id,
      amount,
    ]);
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
