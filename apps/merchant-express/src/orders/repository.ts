import { randomInt } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { FINAL_STATUSES } from './status.js';

export interface Order {
  merchantOrderId: string;
  etOrderId: string | null;
  studentFirstName: string;
  studentLastName: string;
  studentEmail: string;
  schoolName: string;
  countryCode: string;
  feeType: number;
  /** Decimal string, exactly as stored (NUMERIC). */
  amount: string;
  currencyCode: string;
  status: number | null;
  createError: string | null;
  refundedAmount: string;
  voucherUrl: string | null;
  createdAt: Date;
  /** When the site heard of the latest failed payment attempt (a `payment_result` that was not a success). */
  lastPaymentFailedAt: Date | null;
}

/** What the order form supplies; the rest of an {@link Order} is filled in as the order moves through ET. */
export type NewOrder = Pick<
  Order,
  | 'studentFirstName'
  | 'studentLastName'
  | 'studentEmail'
  | 'schoolName'
  | 'countryCode'
  | 'feeType'
  | 'amount'
  | 'currencyCode'
>;

export interface OrderEvent {
  effect: string;
  detail: string;
  createdAt: Date;
}

// NUMERIC is selected as text so both drivers hand back the exact digits.
const ORDER_COLUMNS = `merchant_order_id, et_order_id, student_first_name, student_last_name, student_email,
  school_name, country_code, fee_type, amount::text AS amount, currency_code, status, create_error,
  refunded_amount::text AS refunded_amount, voucher_url, created_at,
  (SELECT max(e.created_at) FROM order_events e
    WHERE e.et_order_id = orders.et_order_id AND e.effect = 'payment_failed') AS last_payment_failed_at`;

interface OrderRecord {
  merchant_order_id: string;
  et_order_id: string | null;
  student_first_name: string;
  student_last_name: string;
  student_email: string;
  school_name: string;
  country_code: string;
  fee_type: number;
  amount: string;
  currency_code: string;
  status: number | null;
  create_error: string | null;
  refunded_amount: string;
  voucher_url: string | null;
  created_at: Date;
  last_payment_failed_at: Date | null;
}

const toOrder = (row: OrderRecord): Order => ({
  merchantOrderId: row.merchant_order_id,
  etOrderId: row.et_order_id,
  studentFirstName: row.student_first_name,
  studentLastName: row.student_last_name,
  studentEmail: row.student_email,
  schoolName: row.school_name,
  countryCode: row.country_code,
  feeType: row.fee_type,
  amount: row.amount,
  currencyCode: row.currency_code,
  status: row.status,
  createError: row.create_error,
  refundedAmount: row.refunded_amount,
  voucherUrl: row.voucher_url,
  createdAt: row.created_at,
  lastPaymentFailedAt: row.last_payment_failed_at,
});

/** `MO` + UTC time + 6 random digits: unique enough for one site, 22 characters (the API allows 50). */
export function newMerchantOrderId(now = new Date()): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return `MO${stamp}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

export async function insertOrder(db: Queryable, merchantOrderId: string, order: NewOrder): Promise<void> {
  await db.query(
    `INSERT INTO orders (merchant_order_id, student_first_name, student_last_name, student_email, school_name,
       country_code, fee_type, amount, currency_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::numeric, $9)`,
    [
      merchantOrderId,
      order.studentFirstName,
      order.studentLastName,
      order.studentEmail,
      order.schoolName,
      order.countryCode,
      order.feeType,
      order.amount,
      order.currencyCode,
    ],
  );
}

/** ET accepted the order: it now waits for payment (status 0, set by us, so any ET event supersedes it). */
export async function markOrderCreated(db: Queryable, merchantOrderId: string, etOrderId: string): Promise<void> {
  await db.query(
    `UPDATE orders SET et_order_id = $2, status = 0, status_at = NULL, create_error = NULL, updated_at = now()
     WHERE merchant_order_id = $1`,
    [merchantOrderId, etOrderId],
  );
}

export async function markOrderCreateFailed(db: Queryable, merchantOrderId: string, code: string): Promise<void> {
  await db.query('UPDATE orders SET create_error = $2, updated_at = now() WHERE merchant_order_id = $1', [
    merchantOrderId,
    code,
  ]);
}

export async function findOrder(db: Queryable, merchantOrderId: string): Promise<Order | undefined> {
  const rows = await db.query<OrderRecord>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE merchant_order_id = $1`, [
    merchantOrderId,
  ]);
  return rows[0] === undefined ? undefined : toOrder(rows[0]);
}

/** The orders among `merchantOrderIds` that exist, in one statement (live pages read what changed with it). */
export async function findOrders(db: Queryable, merchantOrderIds: readonly string[]): Promise<Order[]> {
  if (merchantOrderIds.length === 0) return [];
  const rows = await db.query<OrderRecord>(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE merchant_order_id = ANY($1::text[])`,
    [[...merchantOrderIds]],
  );
  return rows.map(toOrder);
}

export async function listOrders(db: Queryable, limit = 100): Promise<Order[]> {
  const rows = await db.query<OrderRecord>(
    `SELECT ${ORDER_COLUMNS} FROM orders ORDER BY created_at DESC, merchant_order_id DESC LIMIT $1`,
    [limit],
  );
  return rows.map(toOrder);
}

export async function listOrderEvents(db: Queryable, etOrderId: string): Promise<OrderEvent[]> {
  const rows = await db.query<{ effect: string; detail: string; created_at: Date }>(
    'SELECT effect, detail, created_at FROM order_events WHERE et_order_id = $1 ORDER BY id',
    [etOrderId],
  );
  return rows.map((row) => ({ effect: row.effect, detail: row.detail, createdAt: row.created_at }));
}

/** An order to ask ET about, with its change counter at the time of asking (a later notification makes the answer stale). */
export interface OrderToCheck {
  etOrderId: string;
  changeSeq: string;
}

/**
 * The orders a reconciliation pass asks ET about, least recently checked first:
 * - every order a notification marked for a check (a status it could not order, a refund result), at once;
 * - unless `markedOnly`, every order ET has and whose status is not final (closed or refunded), created at or
 *   before `cutoff` and not checked since before `cutoff`.
 * `exclude`: orders already asked about in this pass.
 */
export async function ordersToCheck(
  db: Queryable,
  options: { cutoff: Date; limit: number; markedOnly: boolean; exclude: readonly string[] },
): Promise<OrderToCheck[]> {
  const rows = await db.query<{ et_order_id: string; change_seq: string }>(
    `SELECT et_order_id, change_seq::text AS change_seq FROM orders
     WHERE et_order_id IS NOT NULL AND NOT (et_order_id = ANY($4::text[])) AND (
       check_wanted_seq > checked_seq
       OR (NOT $3 AND status NOT IN (${FINAL_STATUSES.join(', ')}) AND created_at <= $1
           AND (last_reconciled_at IS NULL OR last_reconciled_at < $1)))
     ORDER BY last_reconciled_at NULLS FIRST, created_at
     LIMIT $2`,
    [options.cutoff, options.limit, options.markedOnly, [...options.exclude]],
  );
  return rows.map((row) => ({ etOrderId: row.et_order_id, changeSeq: row.change_seq }));
}

/**
 * Orders whose create request may have reached ET, old enough to ask ET about: OUTCOME_UNKNOWN, and orders
 * left without any answer (the process stopped between saving the order and hearing from ET).
 */
export async function ordersWithUnknownCreation(
  db: Queryable,
  olderThanMs: number,
  limit: number,
  now = new Date(),
): Promise<string[]> {
  const cutoff = new Date(now.getTime() - olderThanMs);
  const rows = await db.query<{ merchant_order_id: string }>(
    `SELECT merchant_order_id FROM orders
     WHERE et_order_id IS NULL AND (create_error = 'OUTCOME_UNKNOWN' OR create_error IS NULL) AND created_at <= $1
       AND (last_reconciled_at IS NULL OR last_reconciled_at <= $1)
     ORDER BY created_at
     LIMIT $2`,
    [cutoff, limit],
  );
  return rows.map((row) => row.merchant_order_id);
}

export async function markReconciledByMerchantOrderIds(
  db: Queryable,
  merchantOrderIds: readonly string[],
  now = new Date(),
): Promise<void> {
  if (merchantOrderIds.length === 0) return;
  await db.query('UPDATE orders SET last_reconciled_at = $2 WHERE merchant_order_id = ANY($1::text[])', [
    [...merchantOrderIds],
    now,
  ]);
}

export async function markReconciled(db: Queryable, etOrderIds: readonly string[], now = new Date()): Promise<void> {
  if (etOrderIds.length === 0) return;
  await db.query('UPDATE orders SET last_reconciled_at = $2 WHERE et_order_id = ANY($1::text[])', [
    [...etOrderIds],
    now,
  ]);
}
