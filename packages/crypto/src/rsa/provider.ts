import { bigIntToBytes, bytesToBigInt } from '../keys/der.js';
import type { PrivateKeyMaterial, PublicKeyMaterial } from '../keys/rsa-key.js';
import { modPow } from './modpow.js';

export type ProviderHash = 'SHA-256' | 'SHA-1';

/**
 * The runtime seam for RSA. The portable provider (BigInt for the raw private operation, Web Crypto for
 * signatures) is the reference; the `node` export condition registers one backed by node:crypto (OpenSSL).
 * PKCS#1 v1.5 encryption padding is always built and checked by this package, never by a provider.
 */
export interface RsaProvider {
  readonly name: string;
  /**
   * Optional RSASSA-PKCS1-v1_5 signing; without it Web Crypto signs. Signatures are deterministic, so a
   * provider must give byte-identical results (the tests check this).
   */
  sign?(key: PrivateKeyMaterial, hash: ProviderHash, message: Uint8Array): Uint8Array;
  /** Optional RSASSA-PKCS1-v1_5 verification; without it Web Crypto verifies. */
  verify?(key: PublicKeyMaterial, hash: ProviderHash, message: Uint8Array, signature: Uint8Array): boolean;
  /**
   * `block` has exactly the modulus length and is numerically below the modulus (the caller checks both).
   * Returns the raw result, left-padded to the modulus length. May throw anything: callers map it to
   * DECRYPT_FAILED.
   */
  rawPrivateOperation(key: PrivateKeyMaterial, block: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/** RSADP with the Chinese remainder theorem: two half-size exponentiations instead of one full-size one. */
export const portableRsaProvider: RsaProvider = {
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

let current: RsaProvider = portableRsaProvider;

/** Replaces the provider (the Node entry does this once at load). Returns the previous one. */
export function setRsaProvider(provider: RsaProvider): RsaProvider {
  const previous = current;
  current = provider;
  return previous;
}

export function getRsaProvider(): RsaProvider {
  return current;
}
