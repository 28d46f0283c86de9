import { bytesToBigInt } from '../keys/der.js';
import { randomBytes } from '../random.js';

/**
 * Exponent blinding for the portable CRT halves: d' = d + k·(prime − 1) with a fresh random 64-bit k per call.
 * c^d' ≡ c^d (mod prime) by Fermat, so results are unchanged; but BigInt exponentiation is not constant time
 * (the fixed-window loop still skips zero windows, and BigInt arithmetic itself varies), and without this every
 * call would walk the same secret exponent, letting an observer average timings across calls. Costs about 64
 * extra squarings per half (≈ 6 %).
 */
export function blindedExponent(exponent: bigint, prime: bigint): bigint {
  const k = bytesToBigInt(randomBytes(8)) | 1n; // never 0: k = 0 would be the unblinded exponent
  return exponent + k * (prime - 1n);
}
