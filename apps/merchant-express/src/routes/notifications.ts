import type { ProtocolProfile } from '@etkit/crypto';
import type { Notification } from '@etkit/notify';
import { notificationRoute } from '@etkit/notify/express';
import type { Database } from '../db/database';
import { applyNotification } from '../notifications/apply';
import { databaseInbox } from '../notifications/inbox';
import { quarantineNotification } from '../notifications/quarantine';
import type { OrderUpdates } from '../order-updates';

export interface NotificationRouteOptions {
  salts: readonly string[];
  profile?: Partial<ProtocolProfile>;
  log: (line: string) => void;
}

/**
 * `POST /notifications`: ET's payment, status-change, refund and voucher notifications. @etkit/notify verifies
 * and classifies; each is applied once through the durable inbox; the answer is OK only after the effects
 * committed. A notification for an order we do not know is refused, so ET resends it. One that verifies but
 * cannot be read (a known kind missing a field) is refused too, and kept in `notification_quarantine`.
 */
export function notificationsRoute(db: Database, updates: OrderUpdates, options: NotificationRouteOptions) {
  return notificationRoute({
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
      const { verifiedFields, kind, idempotencyKey } = failure;
      if (verifiedFields === undefined || kind === undefined || idempotencyKey === undefined) return;
      // ET signed it: keep it, or it is gone after ET's last resend. The answer (a refusal) waits for this; a
      // failed insert only waits for ET's next resend.
      try {
        await quarantineNotification(db, {
          key: idempotencyKey,
          kind,
          fields: verifiedFields,
          reason: failure.message,
        });
        options.log(`notification ${idempotencyKey}: quarantined (verified, unreadable)`);
      } catch {
        options.log(`notification ${idempotencyKey}: could not be quarantined; ET will resend it`);
      }
    },
  });
}
