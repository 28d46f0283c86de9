import type { Database } from './db/database.js';
import { NOT_AT_ET, type PaymentGateway } from './gateway.js';
import type { OrderUpdates } from './order-updates.js';
import { applyCheck, type Discrepancy } from './orders/check.js';
import {
  markOrderCreated,
  markOrderCreateFailed,
  markReconciled,
  markReconciledByMerchantOrderIds,
  ordersToCheck,
  ordersWithUnknownCreation,
} from './orders/repository.js';

/** Any constant: one reconciliation pass at a time across every instance sharing the database. */
export const RECONCILE_LOCK_ID = 730_415_002;

export interface ReconcileOptions {
  /**
   * Only orders created (and last checked) at least this long ago are checked on the timer: a fresh order's
   * notification may be on its way. Orders a notification marked for a check are checked whatever their age.
   */
  olderThanMs: number;
  /** Only the orders notifications marked for a check (the quick pass that follows a notification). */
  markedOnly?: boolean;
  /** Orders asked about per query. Default 20. */
  batchSize?: number;
  /** At most this many orders asked about in one pass; the rest wait for the next. Default 2000. */
  maxOrders?: number;
  now?: Date;
}

export interface ReconcileReport {
  /** Another pass (in this process or another instance) was running: this one did nothing. */
  skipped: boolean;
  /** Orders asked about. */
  checked: number;
  /** Merchant order ids whose books changed. */
  changed: string[];
  /** Answers that arrived after a notification changed the order: the order stays marked for the next check. */
  stale: number;
  /** What ET's answer and the books disagree on and the site leaves to a person. */
  discrepancies: Discrepancy[];
}

/**
 * One reconciliation pass, at most one at a time across all instances (an advisory lock on PostgreSQL). ET's
 * answer to a batch query is the truth; notifications only prompt the site to look (README "Convergence"):
 * - orders whose create request failed after it may have reached ET (OUTCOME_UNKNOWN, never retried) are
 *   looked up by merchant order id: found, linked to ET's order; not found, marked NOT_AT_ET;
 * - orders a notification marked for a check, and every order that is not final, are asked about in batches;
 *   each answer is applied by `applyCheck` (status, payment, refunded total), unless a notification changed
 *   the order after the question was asked.
 */
export async function reconcileOrders(
  db: Database,
  gateway: PaymentGateway,
  updates: OrderUpdates,
  options: ReconcileOptions,
): Promise<ReconcileReport> {
  const ran = await db.exclusively(RECONCILE_LOCK_ID, () => pass(db, gateway, updates, options));
  if (ran.acquired) return ran.value;
  return { skipped: true, checked: 0, changed: [], stale: 0, discrepancies: [] };
}

async function pass(
  db: Database,
  gateway: PaymentGateway,
  updates: OrderUpdates,
  options: ReconcileOptions,
): Promise<ReconcileReport> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.olderThanMs);
  const batchSize = options.batchSize ?? 20;
  const maxOrders = options.maxOrders ?? 2000;
  const report: ReconcileReport = { skipped: false, checked: 0, changed: [], stale: 0, discrepancies: [] };
  const changed = (merchantOrderId: string) => {
    if (!report.changed.includes(merchantOrderId)) report.changed.push(merchantOrderId);
    updates.publish(merchantOrderId);
  };

  if (!options.markedOnly) {
    const unknown = await ordersWithUnknownCreation(db, options.olderThanMs, batchSize, now);
    if (unknown.length > 0) {
      report.checked += unknown.length;
      const found = await gateway.queryOrders({ merchantOrderIds: unknown });
      for (const merchantOrderId of unknown) {
        const observation = found.find((candidate) => candidate.merchantOrderId === merchantOrderId);
        if (observation === undefined) {
          await markOrderCreateFailed(db, merchantOrderId, NOT_AT_ET);
        } else {
          await markOrderCreated(db, merchantOrderId, observation.etOrderId);
          // Freshly linked: no notification could have reached it yet (change counter 0).
          const result = await applyCheck(db, observation, '0', now);
          if (result.outcome === 'applied') report.discrepancies.push(...result.discrepancies);
        }
        changed(merchantOrderId);
      }
      await markReconciledByMerchantOrderIds(db, unknown, now);
    }
  }

  const asked: string[] = [];
  while (asked.length < maxOrders) {
    const due = await ordersToCheck(db, {
      cutoff,
      limit: Math.min(batchSize, maxOrders - asked.length),
      markedOnly: options.markedOnly === true,
      exclude: asked,
    });
    if (due.length === 0) break;
    asked.push(...due.map((order) => order.etOrderId));
    report.checked += due.length;
    const observations = await gateway.queryOrders({ etOrderIds: due.map((order) => order.etOrderId) });
    const missing: string[] = [];
    for (const order of due) {
      const observation = observations.find((candidate) => candidate.etOrderId === order.etOrderId);
      if (observation === undefined) {
        missing.push(order.etOrderId);
        continue;
      }
      const result = await applyCheck(db, observation, order.changeSeq, now);
      if (result.outcome === 'stale') {
        report.stale += 1;
        continue;
      }
      report.discrepancies.push(...result.discrepancies);
      if (result.changes.length > 0) changed(result.merchantOrderId);
    }
    if (missing.length > 0) {
      await markReconciled(db, missing, now);
      for (const etOrderId of missing) {
        report.discrepancies.push({
          merchantOrderId: '',
          etOrderId,
          problem: 'ET’s answer does not include this order',
        });
      }
    }
  }
  return report;
}

export type PassRequest = { trigger: 'timer' } | { trigger: 'soon' } | { trigger: 'now'; olderThanMs?: number };

/**
 * Schedules passes in this process, one after another, never two at once: every `intervalMs` (0: no timer;
 * a tick is dropped while a pass is queued or running), `soon()` once shortly after being called (calls made
 * before that pass starts share it), and `now()` at once after any pass under way.
 */
export function startReconciliation<T>(
  run: (request: PassRequest) => Promise<T>,
  options: { intervalMs: number; soonDelayMs: number },
  onError: (error: unknown) => void,
) {
  let tail: Promise<unknown> = Promise.resolve();
  let queued = 0;
  let soonPending = false;
  let soonTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const enqueue = <R>(work: () => Promise<R>): Promise<R> => {
    queued += 1;
    const result = tail.then(work);
    tail = result
      .catch(() => {})
      .finally(() => {
        queued -= 1;
      });
    return result;
  };
  const soon = () => {
    if (stopped || soonPending) return;
    soonPending = true;
    soonTimer = setTimeout(() => {
      soonTimer = undefined;
      enqueue(() => {
        // From here on a new notification needs a new pass: this one may already have read past it.
        soonPending = false;
        return run({ trigger: 'soon' });
      }).catch(onError);
    }, options.soonDelayMs);
    soonTimer.unref();
  };
  const timer =
    options.intervalMs > 0
      ? setInterval(() => {
          if (!stopped && queued === 0) enqueue(() => run({ trigger: 'timer' })).catch(onError);
        }, options.intervalMs)
      : undefined;
  timer?.unref();
  return {
    soon,
    now: (olderThanMs?: number) => enqueue(() => run({ trigger: 'now', olderThanMs })),
    /** Stops the timers and resolves when the passes queued have ended. */
    async stop() {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
      if (soonTimer !== undefined) clearTimeout(soonTimer);
      await tail;
    },
  };
}
