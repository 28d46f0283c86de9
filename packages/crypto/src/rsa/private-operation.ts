import { bigIntToBytes, bytesToBigInt } from '../keys/der.js';
import type { PrivateKeyMaterial } from '../keys/rsa-key.js';
import { modPow } from './modpow.js';

/**
 * Who performs the raw RSA private-key operation (RSADP, RFC 8017 §5.1.2) for PKCS#1 v1.5 key unwrapping.
 * The portable BigInt implementation is the reference; the `node` export condition registers one backed by
 * node:crypto (OpenSSL). Padding is always checked by this package, never by the provider.
 */
export interface RsaPrivateOperationProvider {
  readonly name: string;
  /**
   * `block` has exactly the modulus length and is numerically below the modulus (the caller checks both).
   * Returns the raw result, left-padded to the modulus length. May throw anything: callers map it to
   * DECRYPT_FAILED.
   */
  rawPrivateOperation(key: PrivateKeyMaterial, block: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/** RSADP with the Chinese remainder theorem: two half-size exponentiations instead of one full-size one. */
export const portableRsaPrivateOperation: RsaPrivateOperationProvider = {
  name: 'portable-bigint-crt',
  rawPrivateOperation(key, block) {
    const { p, q, dp, dq, qi } = key.components;
    const c = bytesToBigInt(block);
    const m1 = modPow(c % p, dp, p);
    const m2 = modPow(c % q, dq, q);
    let h = (qi * (m1 - m2)) % p;
    if (h < 0n) h += p;
    return bigIntToBytes(m2 + h * q, key.byteLength);
  },
};

let current: RsaPrivateOperationProvider = portableRsaPrivateOperation;

/** Replaces the provider (the Node entry does this once at load). Returns the previous one. */
export function setRsaPrivateOperationProvider(provider: RsaPrivateOperationProvider): RsaPrivateOperationProvider {
  const previous = current;
  current = provider;
  return previous;
}

export function getRsaPrivateOperationProvider(): RsaPrivateOperationProvider {
  return current;
}
