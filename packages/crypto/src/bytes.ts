import { EtkitCryptoError } from './errors.js';
import { type NativeBase64, nativeBase64 } from './native-base64.js';

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
  const native = nativeBase64();
  return native === undefined ? base64EncodePortable(bytes) : native.encode(bytes);
}

/** {@link base64Encode} without a native codec: the reference the native ones are tested against. */
export function base64EncodePortable(bytes: Uint8Array): string {
  // btoa is native on every supported runtime; feed it a binary string built in chunks (argument limits).
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  }
  return btoa(binary);
}

// Symbol values; -1 marks characters outside the alphabet, -2 ASCII whitespace (skipped).
const BASE64_VALUES = (() => {
  const table = new Int8Array(256).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  for (const c of ' \t\r\n') table[c.charCodeAt(0)] = -2;
  return table;
})();

/**
 * Standard base64 (RFC 4648 §4) with padding. ASCII whitespace (line breaks of PEM bodies or wrapped
 * ciphertexts) is skipped; anything else outside the alphabet, missing or extra padding, and non-zero
 * trailing bits (a second spelling of the same bytes) are INVALID_ARGUMENT.
 */
export function base64Decode(text: string): Uint8Array {
  if (typeof text !== 'string') throw invalidBase64();
  const native = nativeBase64();
  if (native !== undefined) {
    const bytes = decodeCanonical(native, text);
    if (bytes !== undefined) return bytes;
  }
  // Whitespace, or an error to report: the portable reader decides.
  return base64DecodePortable(text);
}

/**
 * The native decoder's bytes when `text` is their canonical encoding (padded, no whitespace, unused bits zero),
 * else undefined. Canonical text is exactly what the strict reader turns into those same bytes, so a lenient
 * native decoder cannot widen what {@link base64Decode} accepts.
 */
function decodeCanonical(native: NativeBase64, text: string): Uint8Array | undefined {
  let bytes: Uint8Array;
  try {
    if (native.decodeCanonical !== undefined) return native.decodeCanonical(text);
    bytes = native.decode(text);
  } catch {
    return undefined;
  }
  return native.encode(bytes) === text ? bytes : undefined;
}

/** {@link base64Decode} without a native codec: the reference the native ones are tested against. */
export function base64DecodePortable(text: string): Uint8Array {
  if (typeof text !== 'string') throw invalidBase64();
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let length = 0;
  let accumulator = 0; // up to four 6-bit symbols
  let symbols = 0; // symbols in the accumulator
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const value = c < 256 ? BASE64_VALUES[c]! : -1;
    if (value >= 0) {
      if (padding > 0) throw invalidBase64(); // data after '='
      accumulator = (accumulator << 6) | value;
      if (++symbols === 4) {
        out[length++] = accumulator >> 16;
        out[length++] = (accumulator >> 8) & 0xff;
        out[length++] = accumulator & 0xff;
        accumulator = 0;
        symbols = 0;
      }
    } else if (value === -2) {
      // whitespace
    } else if (c === 0x3d /* = */) {
      padding++;
    } else {
      throw invalidBase64();
    }
  }
  if (symbols === 0 && padding === 0) return out.subarray(0, length);
  // A final group of 2 symbols needs "==", of 3 symbols "="; its unused low bits must be zero.
  if (symbols === 2 && padding === 2 && (accumulator & 0x0f) === 0) {
    out[length++] = accumulator >> 4;
  } else if (symbols === 3 && padding === 1 && (accumulator & 0x03) === 0) {
    out[length++] = accumulator >> 10;
    out[length++] = (accumulator >> 2) & 0xff;
  } else {
    throw invalidBase64();
  }
  return out.subarray(0, length);
}

function invalidBase64(): EtkitCryptoError {
  return new EtkitCryptoError('INVALID_ARGUMENT', 'Text is not valid base64');
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hex. */
export function hexEncode(bytes: Uint8Array): string {
  assertBytes(bytes);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!]!;
  return out;
}

/**
 * Compares two byte strings in time that depends only on their lengths (lengths are not secret:
 * a MAC or signature has a fixed public size).
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  assertBytes(a);
  assertBytes(b);
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function assertBytes(value: unknown): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new EtkitCryptoError('INVALID_ARGUMENT', 'Expected a Uint8Array');
}
