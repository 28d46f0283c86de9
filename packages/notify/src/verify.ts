import { type NotificationRule, verifyNotification } from '@etkit/crypto';
import { NotificationError } from './errors.js';
import type { WireFields } from './notification-types.js';
import type { ConfiguredSalt } from './salts.js';

/**
 * Checks the salted-MD5 `sign` (PROTOCOL.md §8) against every configured salt. Each comparison is constant-time
 * and every salt is tried even after a match, so the time taken does not depend on where the match was.
 * Returns the matching salt (for the refund acknowledgement and for rotation metrics).
 */
export function verifyWireFields(
  fields: WireFields,
  salts: readonly ConfiguredSalt[],
  rule: NotificationRule,
): ConfiguredSalt {
  const sign = fields['sign'];
  if (sign === undefined || sign === '') {
    throw new NotificationError('SIGN_MISSING', 'The notification has no `sign` field');
  }
  let match: ConfiguredSalt | undefined;
  for (const configured of salts) {
    if (verifyNotification(fields, configured.salt, { rule }) && match === undefined) match = configured;
  }
  if (match === undefined) {
    throw new NotificationError(
      'SIGNATURE_INVALID',
      `The notification's sign does not match any configured salt under the ${rule} rule`,
    );
  }
  return match;
}
