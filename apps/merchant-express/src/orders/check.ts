import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import type { OrderObservation } from '../gateway.js';
import { claimInboxKey, recordInboxOutcome } from '../notifications/inbox.js';
import { formatAmount } from './amount.js';
import { addEvent, type LockedOrder, lockOrder, recomputeRefundedTotal } from './locked-order.js';
import { PAID_STATUSES, statusLabel } from './status.js';

/** Something ET's answer and the site's books disagree on that the site must not settle by itself. */
export interface Discrepancy {
  merchantOrderId: string;
  etOrderId: string;
  problem: string;
}

export type CheckResult =
  | { outcome: 'applied'; merchantOrderId: string; changes: string[]; discrepancies: Discrepancy[] }
  /** A notification was applied to the order after the question was asked: the answer may predate it. */
  | { outcome: 'stale'; merchantOrderId: string };

/** The refund row a check adds for refunds ET reports but no notification has told us about yet. */
export const RECONCILED_REFUND_ID = '(reconciliation)';

const DECIMAL = /^\d{1,18}(?:\.\d{1,8})?$/;

/**
 * Applies ET's answer to a batch query (a check) for one order, asked when the order's change counter was
 * `askedAtChange`. In one transaction, under the order's row lock:
 * - stale (a notification came in between): nothing changes, the order is marked for another check;
 * - the status becomes ET's (status_at keeps the latest ET time seen; the status is marked as from a check);
 * - a paid-or-later status without a payment row gets one (source `reconciliation`, ET's amount if it gave one);
 * - when the answer states a refunded total above the site's, the difference is recorded as one refund row
 *   (source `reconciliation`), which the refund's own notification later replaces;
 * - what the site cannot settle (a different paid amount, more refunded here than at ET, a refunded order
 *   whose amount ET's answer does not state) is returned as a discrepancy, never "fixed".
 * An inbox row (`reconciliation:<ET order id>:<uuid>`) is written only when something changed.
 */
export async function applyCheck(
  db: Database,
  observation: OrderObservation,
  askedAtChange: string,
  now = new Date(),
): Promise<CheckResult> {
  return db.transaction(async (tx): Promise<CheckResult> => {
    const order = await lockOrder(tx, observation.etOrderId);
    if (order === undefined) throw new Error(`check for an order this site does not have: ${observation.etOrderId}`);
    const merchantOrderId = order.merchant_order_id;
    if (String(order.change_seq) !== String(askedAtChange)) {
      await tx.query('UPDATE orders SET check_wanted_seq = change_seq WHERE merchant_order_id = $1', [merchantOrderId]);
      return { outcome: 'stale', merchantOrderId };
    }
    const discrepancies: Discrepancy[] = [];
    const disagree = (problem: string) =>
      discrepancies.push({ merchantOrderId, etOrderId: order.et_order_id, problem });
    const key = `reconciliation:${order.et_order_id}:${randomUUID()}`;
    let claimed = false;
    const claim = async () => {
      if (claimed) return;
      claimed = true;
      const fields: Record<string, string> = {
        order_id: observation.etOrderId,
        order_status: String(observation.status),
        ...(observation.payAmount === undefined ? {} : { pay_amount: observation.payAmount }),
        ...(observation.refundedAmount === undefined ? {} : { refund_amount: observation.refundedAmount }),
      };
      await claimInboxKey(tx, { key, kind: 'reconciliation', etOrderId: observation.etOrderId, fields });
    };
    const changes: string[] = [];

    if (PAID_STATUSES.includes(observation.status)) {
      const change = await ensurePayment(tx, order, observation, claim, key, disagree);
      if (change !== undefined) changes.push(change);
    }
    if (observation.status !== order.status) {
      await claim();
      await tx.query('UPDATE orders SET status = $2, status_from_check = true WHERE merchant_order_id = $1', [
        merchantOrderId,
        observation.status,
      ]);
      await addEvent(tx, order, key, 'status', `Status: ${statusLabel(observation.status)} (checked with ET)`);
      changes.push(`status ${order.status} → ${observation.status}`);
    }
    const refund = await reconcileRefunds(tx, order, observation, claim, key, disagree);
    if (refund !== undefined) changes.push(refund);

    if (claimed) await recordInboxOutcome(tx, key, `reconciled: ${changes.join('; ')}`);
    await tx.query(
      `UPDATE orders SET checked_seq = change_seq, last_reconciled_at = $2
         ${changes.length > 0 ? ', updated_at = $2' : ''}
       WHERE merchant_order_id = $1`,
      [merchantOrderId, now],
    );
    return { outcome: 'applied', merchantOrderId, changes, discrepancies };
  });
}

async function ensurePayment(
  tx: Queryable,
  order: LockedOrder,
  observation: OrderObservation,
  claim: () => Promise<void>,
  key: string,
  disagree: (problem: string) => void,
): Promise<string | undefined> {
  const [payment] = await tx.query<{ amount: string | null; currency: string | null }>(
    'SELECT pay_amount::text AS amount, pay_currency AS currency FROM payments WHERE et_order_id = $1',
    [order.et_order_id],
  );
  const amount =
    observation.payAmount !== undefined && DECIMAL.test(observation.payAmount) ? observation.payAmount : null;
  if (payment !== undefined) {
    if (amount !== null && payment.amount !== null) {
      const [same] = await tx.query<{ equal: boolean }>('SELECT $1::numeric = $2::numeric AS equal', [
        amount,
        payment.amount,
      ]);
      if (!same!.equal) disagree('the paid amount ET reports differs from the payment notification’s');
    }
    return undefined;
  }
  await claim();
  await tx.query(
    `INSERT INTO payments (et_order_id, pay_amount, pay_currency, paid_at, source, dedupe_key)
     VALUES ($1, $2::numeric, $3, NULL, 'reconciliation', $4)`,
    [order.et_order_id, amount, observation.payCurrency ?? null, key],
  );
  const shown = amount === null ? '' : `: ${formatAmount(amount, observation.payCurrency ?? '')}`;
  await addEvent(tx, order, key, 'paid', `Payment found by reconciliation${shown}`);
  return 'payment recorded';
}

async function reconcileRefunds(
  tx: Queryable,
  order: LockedOrder,
  observation: OrderObservation,
  claim: () => Promise<void>,
  key: string,
  disagree: (problem: string) => void,
): Promise<string | undefined> {
  const stated = observation.refundedAmount;
  if (stated === undefined || !DECIMAL.test(stated)) {
    // ET's documented answer names no refund field: the status is all the site can verify.
    if (observation.status === -2 && /^0(?:\.0*)?$/.test(order.refunded_amount)) {
      disagree('refunded at ET, but no refund recorded here and ET’s answer does not state the amount');
    }
    return undefined;
  }
  const [difference] = await tx.query<{ missing: string; sign: number }>(
    'SELECT ($1::numeric - $2::numeric)::text AS missing, sign($1::numeric - $2::numeric)::int AS sign',
    [stated, order.refunded_amount],
  );
  if (difference!.sign === 0) return undefined;
  if (difference!.sign < 0) {
    disagree('more refunded here (from ET’s signed refund notifications) than ET’s answer states');
    return undefined;
  }
  await claim();
  await tx.query(
    `INSERT INTO refunds (et_order_id, refund_order_id, refund_result, refund_amount, refunded_at, dedupe_key, source)
     VALUES ($1, $2, 1, $3::numeric, NULL, $4, 'reconciliation')
     ON CONFLICT (et_order_id, refund_order_id, refund_result) DO UPDATE
       SET refund_amount = refunds.refund_amount + excluded.refund_amount, dedupe_key = excluded.dedupe_key`,
    [order.et_order_id, RECONCILED_REFUND_ID, difference!.missing, key],
  );
  await recomputeRefundedTotal(tx, order);
  await addEvent(tx, order, key, 'refunded', `Refund found by reconciliation: ${difference!.missing}`);
  return `refunded total → ${order.refunded_amount}`;
}
