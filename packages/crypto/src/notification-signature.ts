import { md5 } from '@noble/hashes/legacy.js';
import { constantTimeEqual, hexEncode, utf8Encode } from './bytes.js';
import { joinSorted } from './canonical.js';
import { EtkitCryptoError } from './errors.js';
import { assertFields, setOwn } from './own-property.js';
import { getCryptoProvider } from './provider.js';

/**
 * 'v2' (current, PROTOCOL.md §8): fields sorted by name in code-point order.
 * 'v1' (legacy): the same MD5-with-salt idea, fields in the order given (the provider's old example was unsorted).
 */
export type NotificationRule = 'v2' | 'v1';

/**
 * The text whose MD5 is a notification's `sign`: salt + `name=value` pairs joined with `&`, empty values kept,
 * no URL-encoding, values exactly as received; `sign` itself is left out.
 */
export function notificationSigningString(
  fields: Record<string, string>,
  salt: string,
  rule: NotificationRule = 'v2',
): string {
  // An empty salt leaves nothing secret in the MD5: anyone could sign. Usually an unset setting read as ''.
  if (typeof salt !== 'string' || salt === '') {
    throw new EtkitCryptoError('INVALID_ARGUMENT', 'The salt must be a non-empty string');
  }
  if (rule !== 'v2' && rule !== 'v1') throw new EtkitCryptoError('INVALID_ARGUMENT', 'Unknown notification rule');
  assertFields(fields, 'fields');
  const parts: Array<[string, string]> = [];
  for (const name of Object.keys(fields)) {
    if (name === 'sign') continue;
    const value = fields[name];
    if (typeof value !== 'string') {
      throw new EtkitCryptoError('INVALID_ARGUMENT', 'Notification field values must be strings (their wire text)');
    }
    parts.push([name, value]);
  }
  if (rule === 'v2') return salt + joinSorted(parts);
  return salt + parts.map(([name, value]) => `${name}=${value}`).join('&');
}

/**
 * Lowercase hex MD5 of the signing string. A `sign` field is ignored. Numbers are written with String():
 * pass amounts as their decimal text (`'10000.00'`), since the number 10000.00 is just 10000.
 */
export function signNotification(
  fields: Record<string, string | number>,
  salt: string,
  options: { rule?: NotificationRule } = {},
): string {
  assertFields(fields, 'fields');
  const texts: Record<string, string> = {};
  for (const name of Object.keys(fields)) {
    const value = fields[name];
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new EtkitCryptoError('INVALID_ARGUMENT', 'A field is a non-finite number');
      setOwn(texts, name, String(value));
    } else {
      setOwn(texts, name, value as string);
    }
  }
  return hexEncode(md5Of(notificationSigningString(texts, salt, options.rule)));
}

/**
 * True when `fields.sign` is the MD5 signature of the other fields (case-insensitive, constant-time compare).
 * False when `sign` is missing or not 32 hex digits.
 */
export function verifyNotification(
  fields: Record<string, string>,
  salt: string,
  options: { rule?: NotificationRule } = {},
): boolean {
  assertFields(fields, 'fields');
  const given = typeof fields.sign === 'string' ? md5HexToBytes(fields.sign) : undefined;
  if (!given) return false;
  const expected = md5Of(notificationSigningString(fields, salt, options.rule));
  return constantTimeEqual(expected, given);
}

const HEX_VALUE = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 16; i++) {
    table['0123456789abcdef'.charCodeAt(i)] = i;
    table['0123456789ABCDEF'.charCodeAt(i)] = i;
  }
  return table;
})();

/** 32 hex digits (either case) to 16 bytes, or undefined. The given sign is public: branching on it is fine. */
function md5HexToBytes(hex: string): Uint8Array | undefined {
  if (hex.length !== 32) return undefined;
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const hi = hex.charCodeAt(2 * i);
    const lo = hex.charCodeAt(2 * i + 1);
    const h = hi < 128 ? HEX_VALUE[hi]! : -1;
    const l = lo < 128 ? HEX_VALUE[lo]! : -1;
    if (h < 0 || l < 0) return undefined;
    out[i] = (h << 4) | l;
  }
  return out;
}

/** MD5 of the UTF-8 text: natively when the runtime provider offers it, else by @noble/hashes. */
function md5Of(text: string): Uint8Array {
  const provider = getCryptoProvider();
  return provider.md5 ? provider.md5(text) : md5(utf8Encode(text));
}
