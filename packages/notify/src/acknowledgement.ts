import { type NotificationRule, signNotification } from '@etkit/crypto';
import type { OkAcknowledgement, SignedAcknowledgement } from './notification-types.js';

/** The acknowledgement for every kind but the refund result: `{"notify_result":"OK"}`. */
export const OK_ACKNOWLEDGEMENT: OkAcknowledgement = Object.freeze({ notify_result: 'OK' });

/**
 * A refund result's acknowledgement: `order_id`, `notify_result: "OK"` and `sign`, the MD5 rule of PROTOCOL.md
 * §8 over those two fields with the salt that verified the notification.
 */
export function signedAcknowledgement(
  orderId: string,
  salt: string,
  options: { rule?: NotificationRule } = {},
): SignedAcknowledgement {
  const fields = { order_id: orderId, notify_result: 'OK' as const };
  return Object.freeze({ ...fields, sign: signNotification(fields, salt, { rule: options.rule ?? 'v2' }) });
}
