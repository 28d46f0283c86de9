import { EtkitCryptoError } from './errors.js';
import { defaultProfile } from './profile.js';
import { randomString } from './random.js';

export interface SerialNumberOptions {
  /** Clock to use; default `new Date()`. */
  now?: Date;
  /** Time zone of the timestamp in minutes east of UTC; default 480 (China Standard Time, PROTOCOL.md §4). */
  utcOffsetMinutes?: number;
}

/**
 * A request serial number in the provider's form (PROTOCOL.md §4): `yyyyMMddHHmmss` local time, six random
 * digits, then the merchant number, e.g. `20231204204337871860ET82009`.
 */
export function createSerialNumber(merchantNumber: string, options: SerialNumberOptions = {}): string {
  if (typeof merchantNumber !== 'string' || merchantNumber.length === 0) {
    throw new EtkitCryptoError('INVALID_ARGUMENT', 'merchantNumber must be a non-empty string');
  }
  if (typeof options !== 'object' || options === null) {
    throw new EtkitCryptoError('INVALID_ARGUMENT', 'options must be an object');
  }
  const offset = options.utcOffsetMinutes ?? defaultProfile.serialNumberUtcOffsetMinutes;
  if (!Number.isInteger(offset) || offset < -720 || offset > 840) {
    throw new EtkitCryptoError('INVALID_ARGUMENT', 'utcOffsetMinutes must be an integer between -720 and 840');
  }
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new EtkitCryptoError('INVALID_ARGUMENT', 'now must be a valid Date');
  }
  // Shift the instant, then read it with the UTC getters: that is local time at the offset.
  const local = new Date(now.getTime() + offset * 60_000);
  const timestamp =
    String(local.getUTCFullYear()).padStart(4, '0') +
    two(local.getUTCMonth() + 1) +
    two(local.getUTCDate()) +
    two(local.getUTCHours()) +
    two(local.getUTCMinutes()) +
    two(local.getUTCSeconds());
  return timestamp + randomString('0123456789', 6) + merchantNumber;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
