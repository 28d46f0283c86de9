import { EtkitCryptoError } from './errors.js';
import type { NotificationRule } from './notification-signature.js';

/** Every point PROTOCOL.md marks [choice], as one named option with the documented default. */
export interface ProtocolProfile {
  /** RSA padding of the AES key in `aeskey` (§5.2). */
  keyWrap: 'rsa-pkcs1-v1_5' | 'rsa-oaep-sha256' | 'rsa-oaep-sha1';
  /** Hash of the RSASSA-PKCS1-v1_5 envelope signature (§5.3). */
  signatureHash: 'SHA-256' | 'SHA-1';
  /** Whether empty values stay in the string to sign (§5.3). */
  canonicalForm: 'keep-empty' | 'drop-empty';
  /** How the 16-byte AES key is drawn (§5.1). */
  aesKeyAlphabet: 'alphanumeric' | 'random-bytes';
  /** Wire name of the tuition field of create order (ENDPOINTS.md). */
  tuitionFieldName: 'tuituon' | 'tuition';
  /** Notification MD5 rule (§8). */
  notificationRule: NotificationRule;
  /**
   * A `null` member of a JSON notification body (§8 shows none): left out of the fields and the signed string,
   * kept as an empty value (`name=`), or kept as the text `null` (`name=null`).
   */
  notificationNullMembers: 'omit' | 'empty' | 'null-text';
  /** What to do with a response that has no `sign` (§6.2). */
  unsignedResponses: 'reject' | 'accept-errors-unverified';
  /** Envelope `version` (§2). */
  version: string;
  /** Envelope `callback_process` (§2). */
  callbackProcess: 0 | 1;
  /** Time zone of the serial number's timestamp, minutes east of UTC (§4). */
  serialNumberUtcOffsetMinutes: number;
}

export const defaultProfile: Readonly<ProtocolProfile> = Object.freeze({
  keyWrap: 'rsa-pkcs1-v1_5',
  signatureHash: 'SHA-256',
  canonicalForm: 'keep-empty',
  aesKeyAlphabet: 'alphanumeric',
  tuitionFieldName: 'tuituon',
  notificationRule: 'v2',
  notificationNullMembers: 'omit',
  unsignedResponses: 'accept-errors-unverified',
  version: '2.0.0',
  callbackProcess: 0,
  serialNumberUtcOffsetMinutes: 480,
});

const ALLOWED: { [K in keyof ProtocolProfile]: (value: unknown) => boolean } = {
  keyWrap: oneOf('rsa-pkcs1-v1_5', 'rsa-oaep-sha256', 'rsa-oaep-sha1'),
  signatureHash: oneOf('SHA-256', 'SHA-1'),
  canonicalForm: oneOf('keep-empty', 'drop-empty'),
  aesKeyAlphabet: oneOf('alphanumeric', 'random-bytes'),
  tuitionFieldName: oneOf('tuituon', 'tuition'),
  notificationRule: oneOf('v2', 'v1'),
  notificationNullMembers: oneOf('omit', 'empty', 'null-text'),
  unsignedResponses: oneOf('reject', 'accept-errors-unverified'),
  version: (v) => typeof v === 'string' && v.length > 0,
  callbackProcess: oneOf(0, 1),
  serialNumberUtcOffsetMinutes: (v) => Number.isInteger(v) && (v as number) >= -720 && (v as number) <= 840,
};

/**
 * The default profile with `overrides` applied. An `undefined` override keeps the default; an unknown
 * option name or an unsupported value is INVALID_ARGUMENT (a typo must not silently fall back to a default).
 */
export function resolveProfile(overrides: Partial<ProtocolProfile> = {}): ProtocolProfile {
  if (typeof overrides !== 'object' || overrides === null) {
    throw new EtkitCryptoError('INVALID_ARGUMENT', 'The profile must be an object');
  }
  const profile: ProtocolProfile = { ...defaultProfile };
  for (const name of Object.keys(overrides)) {
    if (!Object.hasOwn(ALLOWED, name)) {
      throw new EtkitCryptoError('INVALID_ARGUMENT', `Unknown profile option "${name.slice(0, 40)}"`);
    }
    const key = name as keyof ProtocolProfile;
    const value = overrides[key];
    if (value === undefined) continue;
    if (!ALLOWED[key](value)) throw new EtkitCryptoError('INVALID_ARGUMENT', `Unsupported value for profile.${key}`);
    (profile as unknown as Record<string, unknown>)[key] = value;
  }
  return profile;
}

/**
 * {@link resolveProfile} for the envelope functions, which only read the profile: with no overrides it is the
 * frozen default itself, not a copy (a copy per envelope was a measurable share of opening one with RSA-1024).
 */
export function envelopeProfile(overrides: Partial<ProtocolProfile> | undefined): Readonly<ProtocolProfile> {
  return overrides === undefined ? defaultProfile : resolveProfile(overrides);
}

function oneOf(...values: unknown[]): (value: unknown) => boolean {
  return (value) => values.includes(value);
}
