import { EtkitCryptoError } from './errors.js';

const encoder = new TextEncoder();
// fatal: false — invalid UTF-8 becomes U+FFFD; callers that must reject it check for themselves.
const decoder = new TextDecoder('utf-8');

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Standard base64 (RFC 4648 §4) with padding. */
export function base64Encode(bytes: Uint8Array): string {
  // btoa is native on every supported runtime; feed it a binary string built in chunks (argument limits).
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  }
  return btoa(binary);
}

const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$/;
const WHITESPACE = /[ \t\r\n]/g;
const BASE64_VALUE = (c: string): number =>
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.indexOf(c);

/**
 * Standard base64 (RFC 4648 §4) with padding. ASCII whitespace (line breaks of PEM bodies or wrapped
 * ciphertexts) is skipped; anything else outside the alphabet, missing or extra padding, and non-zero
 * trailing bits (a second spelling of the same bytes) are INVALID_ARGUMENT.
 */
export function base64Decode(text: string): Uint8Array {
  if (typeof text !== 'string') throw invalidBase64();
  const compact =
    text.includes(' ') || text.includes('\n') || text.includes('\r') || text.includes('\t')
      ? text.replace(WHITESPACE, '')
      : text;
  if (compact.length % 4 !== 0 || !BASE64_TEXT.test(compact)) throw invalidBase64();
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  if (padding > 0) {
    // The last symbol before the padding may only carry bits that end up in the output.
    const last = BASE64_VALUE(compact[compact.length - padding - 1]!);
    if ((padding === 2 && (last & 0x0f) !== 0) || (padding === 1 && (last & 0x03) !== 0)) throw invalidBase64();
  }
  const binary = atob(compact);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function invalidBase64(): EtkitCryptoError {
  return new EtkitCryptoError('INVALID_ARGUMENT', 'Text is not valid base64');
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hex. */
export function hexEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!]!;
  return out;
}

/** Hex (either case) to bytes; INVALID_ARGUMENT on odd length or a non-hex character. */
export function hexDecode(text: string): Uint8Array {
  if (typeof text !== 'string' || text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) {
    throw new EtkitCryptoError('INVALID_ARGUMENT', 'Text is not valid hex');
  }
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * Compares two byte strings in time that depends only on their lengths (lengths are not secret:
 * a MAC or signature has a fixed public size).
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** {@link constantTimeEqual} for strings of UTF-16 code units (e.g. hex digests). */
export function constantTimeEqualText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
