import { orderStatusLabel } from '@etkit/constants';

/**
 * Statuses ET never leaves: closed (-1, an unpaid order after 7 days) and refunded (-2). Every other status can
 * still change (a completed order can be refunded, a refund can fail and return the order to where it was), so
 * reconciliation keeps checking it. [choice: ET's docs do not say whether a refunded order can be refunded
 * again; the sandbox never does. migrations/004 indexes the same set.]
 */
export const FINAL_STATUSES: readonly number[] = [-1, -2];

/** Statuses that mean the payer paid: paid, the remittance path, and refunding or refunded. */
export const PAID_STATUSES: readonly number[] = [1, 2, 3, 4, -3, -2];

export interface StatusAt {
  status: number | null;
  /** ET's time of the latest event seen for the order; `null` when we set the status ourselves (creation). */
  at: Date | null;
}

/**
 * Where an event saying "status `next.status` at `next.at`" stands against the order's current status.
 * ET writes times to the second, so two events in the same second cannot be ordered by their time: ET's own
 * answer (a check) decides them. Strictly later seconds are later events (ET's clock runs forward).
 */
export type EventOrder = 'newer' | 'older' | 'same-status' | 'cannot-order';

/**
 * For the page only, until ET answers: of two statuses in the same second, the one further along
 * waiting → paid → remitting → awaiting receipt → completed → refunding → refunded (closed after waiting) is shown.
 * Right for the remittance path, wrong when a refund fails in that second (the order returns to paid): hence
 * the check, whose answer replaces it.
 */
const STAGE: Readonly<Record<number, number>> = { 0: 0, 1: 1, 2: 2, 3: 3, 4: 4, [-3]: 5, [-2]: 6, [-1]: 7 };

export function provisionallyLater(current: number | null, next: number): boolean {
  return (STAGE[next] ?? -1) > (current === null ? -1 : (STAGE[current] ?? -1));
}

export function orderEvent(current: StatusAt, next: { status: number; at: Date }): EventOrder {
  if (current.status === null || current.at === null) return current.status === next.status ? 'same-status' : 'newer';
  const difference = next.at.getTime() - current.at.getTime();
  if (next.status === current.status) return 'same-status';
  if (difference > 0) return 'newer';
  if (difference < 0) return 'older';
  return 'cannot-order';
}

/** The label people see: ET's published label, or a neutral one before ET has the order. */
export function statusLabel(status: number | null, createError: string | null = null): string {
  if (status === null) {
    if (createError === null) return 'Creating order';
    return createError === 'OUTCOME_UNKNOWN' ? 'Checking with EasyTransfer' : 'Order not created';
  }
  return orderStatusLabel(status) ?? `Status ${status}`;
}

/** A short, stable CSS class for a status. */
export function statusTone(status: number | null): 'pending' | 'good' | 'done' | 'bad' | 'neutral' {
  switch (status) {
    case 0:
      return 'pending';
    case 1:
    case 2:
    case 3:
      return 'good';
    case 4:
      return 'done';
    case -1:
    case -2:
    case -3:
      return 'bad';
    default:
      return 'neutral';
  }
}
