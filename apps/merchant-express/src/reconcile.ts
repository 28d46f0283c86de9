import type { Database } from './db/database';
import type { PaymentGateway } from './gateway';
import { applyReconciledStatus } from './notifications/apply';
import type { OrderUpdates } from './order-updates';
import { markReconciled, ordersToReconcile } from './orders/repository';

export interface ReconcileOptions {
  /** Only orders created (and last checked) at least this long ago; a fresh order's notification may be on its way. */
  olderThanMs: number;
  /** Orders asked about per query. Default 20. */
  batchSize?: number;
  now?: Date;
}

export interface ReconcileReport {
  checked: number;
  changed: string[];
}

/**
 * Asks ET about orders still "waiting for payment" whose notification may have been lost, and applies what
 * ET says through the same durable inbox as notifications (so a late notification changes nothing more).
 */
export async function reconcileOrders(
  db: Database,
  gateway: PaymentGateway,
  updates: OrderUpdates,
  options: ReconcileOptions,
): Promise<ReconcileReport> {
  const now = options.now ?? new Date();
  const etOrderIds = await ordersToReconcile(db, options.olderThanMs, options.batchSize ?? 20, now);
  const report: ReconcileReport = { checked: etOrderIds.length, changed: [] };
  if (etOrderIds.length === 0) return report;
  const observations = await gateway.queryOrders(etOrderIds);
  const asked = new Set(etOrderIds);
  for (const observation of observations) {
    if (!asked.has(observation.etOrderId) || observation.status === 0) continue;
    const result = await applyReconciledStatus(db, observation, now);
    if (result.applied && result.merchantOrderId !== null) {
      report.changed.push(result.merchantOrderId);
      updates.publish(result.merchantOrderId);
    }
  }
  await markReconciled(db, etOrderIds, now);
  return report;
}

/** Runs `reconcileOrders` every `intervalMs` (never two at once); returns a function that stops it. */
export function startReconciliation(
  run: () => Promise<unknown>,
  intervalMs: number,
  onError: (error: unknown) => void,
) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await run();
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
