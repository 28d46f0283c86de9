import { orderStatusLabel } from '@etkit/constants';

/**
 * Where each ET order_status sits in an order's life, to break ties between two events that carry the same
 * second: the later stage wins. Waiting (0) → paid (1) → remitting (2) → awaiting receipt (3) → completed (4);
 * a refund (-3 → -2) comes after any of those; closed (-1) only ever follows waiting.
 */
const STAGE: Readonly<Record<number, number>> = { 0: 0, 1: 1, 2: 2, 3: 3, 4: 4, [-3]: 5, [-2]: 6, [-1]: 7 };

export interface StatusAt {
  status: number | null;
  /** ET's time of the event that set the status; `null` when we set it ourselves (order creation). */
  at: Date | null;
}

/**
 * Whether an event saying "status `next.status` at `next.at`" should replace the order's current status.
 * Notifications arrive late, twice and out of order: a status only moves forward in ET's time.
 */
export function supersedes(current: StatusAt, next: { status: number; at: Date }): boolean {
  if (current.status === null || current.at === null) return true;
  const difference = next.at.getTime() - current.at.getTime();
  if (difference !== 0) return difference > 0;
  return (STAGE[next.status] ?? -1) > (STAGE[current.status] ?? -1);
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
