import type { ProtocolProfile } from '@etkit/crypto';
import type { DeliveryFailure, Notification } from '@etkit/notify';
import { createNotificationHandler } from '@etkit/notify/express';
import type { Database } from '../db/database.js';
import { applyNotification } from '../notifications/apply.js';
import { databaseInbox } from '../notifications/inbox.js';
import { type QuarantinedNotification, quarantineNotification } from '../notifications/quarantine.js';
import type { OrderUpdates } from '../order-updates.js';

export interface NotificationRouteOptions {
  salts: readonly string[];
  profile?: Partial<ProtocolProfile>;
  log: (line: string) => void;
}

/**
 * `POST /notifications`: ET's payment, status-change, refund and voucher notifications. @etkit/notify verifies
 * and classifies; each is applied once through the durable inbox; the answer is OK only after the effects
 * committed. A notification for an order we do not know is refused, so ET resends it. One that verifies but
 * cannot be read (a known kind missing a field) or reads as more than one notification (AMBIGUOUS: perhaps a
 * re-cut forgery) is refused too, and kept in `notification_quarantine`, never applied.
 */
export function notificationsRoute(db: Database, updates: OrderUpdates, options: NotificationRouteOptions) {
  return createNotificationHandler({
    salts: options.salts,
    profile: options.profile,
    inbox: databaseInbox(db),
    onNotification: async (notification: Notification) => {
      const result = await applyNotification(db, notification);
      // Kind, key and outcome only: no amounts, names or salts in the log.
      options.log(`notification ${notification.idempotencyKey}: ${result.outcome}`);
      if (result.applied && result.merchantOrderId !== null) updates.publish(result.merchantOrderId);
    },
    onError: async (failure) => {
      options.log(`notification refused: ${failure.code} ${failure.message}`);
      const entry = quarantineEntryOf(failure);
      if (entry === undefined) return;
      // ET signed it: keep it, or it is gone after ET's last resend. The answer (a refusal) waits for this; a
      // failed insert only waits for ET's next resend.
      try {
        await quarantineNotification(db, entry);
        options.log(`notification ${entry.key}: quarantined (${failure.code})`);
      } catch {
        options.log(`notification ${entry.key}: could not be quarantined; ET will resend it`);
      }
    },
  });
}

/** What to keep of a refused notification that ET signed: its fields if they are ET's, else its raw body. */
function quarantineEntryOf(failure: DeliveryFailure): QuarantinedNotification | undefined {
  const { code, verifiedFields, kind, idempotencyKey, rawBody, contentType } = failure;
  if (idempotencyKey === undefined) return undefined;
  if (code === 'AMBIGUOUS')
    return { key: idempotencyKey, kind: 'ambiguous', rawBody, contentType, reason: failure.message };
  if (verifiedFields === undefined || kind === undefined) return undefined;
  return { key: idempotencyKey, kind, fields: verifiedFields, rawBody, contentType, reason: failure.message };
}
