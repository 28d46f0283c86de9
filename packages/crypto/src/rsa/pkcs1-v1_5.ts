import { PKCS1_KEM } from 'micro-rsa-dsa-dh/rsa.js';
import { bytesToBigInt } from '../keys/der.js';
import type { PrivateKeyMaterial, PublicKeyMaterial } from '../keys/rsa-key.js';
import { getRsaPrivateOperationProvider } from './private-operation.js';

/** RSAES-PKCS1-v1_5 encryption (RFC 8017 §7.2.1), by micro-rsa-dsa-dh: a public-key operation. */
export function pkcs1v15Encrypt(key: Pick<PublicKeyMaterial, 'n' | 'e'>, message: Uint8Array): Uint8Array {
  return PKCS1_KEM.encrypt({ n: key.n, e: key.e }, message);
}

/**
 * RSAES-PKCS1-v1_5 decryption (RFC 8017 §7.2.2). Returns the message, or `undefined` for every kind of
 * failure alike; the caller turns that into the one generic DECRYPT_FAILED.
 */
export async function pkcs1v15Decrypt(
  key: PrivateKeyMaterial,
  ciphertext: Uint8Array,
): Promise<Uint8Array | undefined> {
  const k = key.byteLength;
  if (ciphertext.length !== k || k < 11) return undefined;
  if (bytesToBigInt(ciphertext) >= key.n) return undefined;
  let encoded: Uint8Array;
  try {
    encoded = await getRsaPrivateOperationProvider().rawPrivateOperation(key, ciphertext);
  } catch {
    return undefined;
  }
  if (encoded.length !== k) return undefined;
  return unpadPkcs1v15(encoded);
}

/**
 * EME-PKCS1-v1_5 decoding, EM = 0x00 || 0x02 || PS (≥ 8 non-zero bytes) || 0x00 || M, in constant time:
 * every byte is visited and the checks are folded into masks, so the time taken does not depend on where
 * (or whether) the padding is wrong. Only the final accept/reject is a branch.
 */
export function unpadPkcs1v15(encoded: Uint8Array): Uint8Array | undefined {
  const k = encoded.length;
  // good is 1 while the padding is acceptable so far.
  let good = isZero(encoded[0]!) & isZero(encoded[1]! ^ 0x02);
  let lookingForSeparator = 1;
  let separatorIndex = 0;
  for (let i = 2; i < k; i++) {
    const zero = isZero(encoded[i]!);
    const takeThis = lookingForSeparator & zero;
    separatorIndex = select(takeThis, i, separatorIndex);
    lookingForSeparator &= zero ^ 1;
  }
  good &= lookingForSeparator ^ 1; // a separator exists
  good &= lessThan(9, separatorIndex); // PS has at least 8 bytes: separator at index ≥ 10
  if (good !== 1) return undefined;
  return encoded.slice(separatorIndex + 1);
}

/** 1 when `x` (a byte) is 0, else 0, without branches. */
function isZero(x: number): number {
  return ((x | -x) >>> 31) ^ 1;
}

/** 1 when a < b for small non-negative integers, without branches. */
function lessThan(a: number, b: number): number {
  return ((a - b) >>> 31) & 1;
}

/** `bit` ? a : b, for bit ∈ {0, 1}, without branches. */
function select(bit: number, a: number, b: number): number {
  const mask = -bit;
  return (a & mask) | (b & ~mask);
}
