import type { Database } from './db/database';
import { NOT_AT_ET, type PaymentGateway } from './gateway';
import { applyReconciledStatus } from './notifications/apply';
import type { OrderUpdates } from './order-updates';
import {
  markOrderCreated,
  markOrderCreateFailed,
  markReconciled,
  markReconciledByMerchantOrderIds,
  ordersToReconcile,
  ordersWithUnknownCreation,
} from './orders/repository';

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
 * Two kinds of order may need ET's word:
 * - orders still "waiting for payment" whose notification may have been lost: what ET reports is applied
 *   through the same durable inbox as notifications (so a late notification changes nothing more);
 * - orders whose create request failed after it may have reached ET (OUTCOME_UNKNOWN, never retried): found
 *   by our merchant order id, they are linked to ET's order; not found, they are marked NOT_AT_ET.
 */
export async function reconcileOrders(
  db: Database,
  gateway: PaymentGateway,
  updates: OrderUpdates,
  options: ReconcileOptions,
): Promise<ReconcileReport> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 20;
  const report: ReconcileReport = { checked: 0, changed: [] };

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
        if (observation.status !== 0) await applyReconciledStatus(db, observation, now);
      }
      report.changed.push(merchantOrderId);
      updates.publish(merchantOrderId);
    }
    await markReconciledByMerchantOrderIds(db, unknown, now);
  }

  const etOrderIds = await ordersToReconcile(db, options.olderThanMs, batchSize, now);
  if (etOrderIds.length === 0) return report;
  report.checked += etOrderIds.length;
  const observations = await gateway.queryOrders({ etOrderIds });
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
