import { EtkitCryptoError } from '../errors.js';
import type { PrivateKeyMaterial, PublicKeyMaterial } from '../keys/rsa-key.js';
import { getCryptoProvider } from '../provider.js';
import { randomBytes } from '../random.js';

/**
 * RSAES-PKCS1-v1_5 encryption (RFC 8017 §7.2.1): EM = 0x00 || 0x02 || PS || 0x00 || M with PS random
 * non-zero bytes, then the public-key operation EM^e mod n.
 */
export function pkcs1v15Encrypt(
  key: Pick<PublicKeyMaterial, 'n' | 'e' | 'byteLength' | 'spki'>,
  message: Uint8Array,
): Uint8Array {
  const k = key.byteLength;
  if (message.length > k - 11) throw new EtkitCryptoError('INVALID_ARGUMENT', 'Message too long for the RSA key');
  const encoded = new Uint8Array(k);
  encoded[1] = 0x02;
  fillNonZeroRandom(encoded.subarray(2, k - message.length - 1));
  encoded.set(message, k - message.length);
  return getCryptoProvider().rawPublicOperation(key, encoded);
}

/** Fills `target` with uniformly random non-zero bytes (zeros are redrawn, which keeps the rest uniform). */
function fillNonZeroRandom(target: Uint8Array): void {
  let filled = 0;
  while (filled < target.length) {
    const batch = randomBytes(target.length - filled + 8);
    for (let i = 0; i < batch.length && filled < target.length; i++) if (batch[i] !== 0) target[filled++] = batch[i]!;
  }
}

/**
 * RSAES-PKCS1-v1_5 decryption (RFC 8017 §7.2.2). Returns the message, or `undefined` for every kind of
 * failure alike; the caller turns that into the one generic DECRYPT_FAILED. A promise only when the provider's
 * private operation is asynchronous (neither built-in one is).
 */
export function pkcs1v15Decrypt(
  key: PrivateKeyMaterial,
  ciphertext: Uint8Array,
): Uint8Array | undefined | Promise<Uint8Array | undefined> {
  const k = key.byteLength;
  if (ciphertext.length !== k || k < 11) return undefined;
  if (!isBelowModulus(ciphertext, key.modulus)) return undefined;
  let encoded: Uint8Array | Promise<Uint8Array>;
  try {
    encoded = getCryptoProvider().rawPrivateOperation(key, ciphertext);
  } catch {
    return undefined;
  }
  if (encoded instanceof Promise)
    return encoded.then(
      (block) => unpadBlock(block, k),
      () => undefined,
    );
  return unpadBlock(encoded, k);
}

function unpadBlock(encoded: Uint8Array, k: number): Uint8Array | undefined {
  return encoded.length === k ? unpadPkcs1v15(encoded) : undefined;
}

/** Big-endian comparison of two equal-length byte strings: a < b (both public values, no timing concern). */
function isBelowModulus(block: Uint8Array, modulus: Uint8Array): boolean {
  for (let i = 0; i < block.length; i++) {
    if (block[i] !== modulus[i]) return block[i]! < modulus[i]!;
  }
  return false;
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
