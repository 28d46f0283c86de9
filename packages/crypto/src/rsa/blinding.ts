import { bytesToBigInt } from '../keys/der.js';
import type { PrivateKeyMaterial } from '../keys/rsa-key.js';
import { randomBytes } from '../random.js';
import { modPow } from './modpow.js';

/**
 * RSA blinding for the portable private operation: BigInt arithmetic is not constant time, so the
 * exponentiation runs on c·rᵉ instead of c, which decorrelates its timing from the ciphertext; the result
 * is multiplied by r⁻¹. As in OpenSSL, a pair (rᵉ, r⁻¹) is drawn once per key (one modular inverse) and
 * refreshed cheaply by squaring both after each use, with a fresh pair every 32 uses.
 */
interface BlindingPair {
  blind: bigint; // rᵉ mod n
  unblind: bigint; // r⁻¹ mod n
  uses: number;
}

const pairs = new WeakMap<PrivateKeyMaterial, BlindingPair>();
const REFRESH_AFTER = 32;

export function blindedPrivateOperation(
  key: PrivateKeyMaterial,
  c: bigint,
  privateOperation: (blinded: bigint) => bigint,
): bigint {
  const { n } = key;
  let pair = pairs.get(key);
  if (!pair || pair.uses >= REFRESH_AFTER) {
    pair = freshPair(key);
    pairs.set(key, pair);
  }
  const m = (privateOperation((c * pair.blind) % n) * pair.unblind) % n;
  pair.blind = (pair.blind * pair.blind) % n;
  pair.unblind = (pair.unblind * pair.unblind) % n;
  pair.uses++;
  return m;
}

function freshPair(key: PrivateKeyMaterial): BlindingPair {
  const { n, e } = key;
  for (;;) {
    const r = bytesToBigInt(randomBytes(key.byteLength)) % n;
    if (r < 2n) continue;
    const inverse = modInverse(r, n);
    if (inverse === undefined) continue; // r shares a factor with n: astronomically unlikely
    return { blind: modPow(r, e, n), unblind: inverse, uses: 0 };
  }
}

/** a⁻¹ mod m by the extended Euclidean algorithm, or undefined when gcd(a, m) ≠ 1. */
export function modInverse(a: bigint, m: bigint): bigint | undefined {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) return undefined;
  return oldS < 0n ? oldS + m : oldS;
}
