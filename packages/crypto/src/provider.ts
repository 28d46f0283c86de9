import { cbc } from '@noble/ciphers/aes.js';
import { bigIntToBytes, bytesToBigInt } from './keys/der.js';
import type { PrivateKeyMaterial, PublicKeyMaterial } from './keys/rsa-key.js';
import { lendNativeBase64, type NativeBase64 } from './native-base64.js';
import { blindedPrivateOperation } from './rsa/blinding.js';
import { blindedExponent } from './rsa/exponent-blinding.js';
import { modPow } from './rsa/modpow.js';

export type ProviderHash = 'SHA-256' | 'SHA-1';

/** What a signature covers: bytes, or text that stands for its UTF-8 bytes (saves an encoding pass). */
export type SignedMessage = Uint8Array | string;

/**
 * The runtime seam. The portable provider (BigInt for raw RSA, Web Crypto for signatures, @noble/ciphers for
 * AES) is the reference and runs everywhere; the `node` export condition registers one backed by node:crypto
 * (OpenSSL). Paddings (PKCS#1 v1.5 encryption, PKCS#7) are checked by this package or by the AES primitive
 * itself; a provider only supplies the primitive operations, and every one of them must give byte-identical
 * results to the portable one (the tests check this).
 */
export interface CryptoProvider {
  readonly name: string;
  /**
   * RSADP (RFC 8017 §5.1.2): `block` has exactly the modulus length and is numerically below the modulus (the
   * caller checks both). Returns the raw result, left-padded to the modulus length. May throw anything:
   * callers map it to DECRYPT_FAILED.
   */
  rawPrivateOperation(key: PrivateKeyMaterial, block: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** RSAEP (RFC 8017 §5.1.1) on an encoded block below the modulus; left-padded to the modulus length. */
  rawPublicOperation(key: Pick<PublicKeyMaterial, 'n' | 'e' | 'byteLength' | 'spki'>, block: Uint8Array): Uint8Array;
  /** AES-128-CBC with PKCS#7 padding, IV = key. */
  aesCbcEncrypt(key: Uint8Array, plaintext: Uint8Array): Uint8Array;
  /** Inverse of aesCbcEncrypt; throws (anything) on bad padding. */
  aesCbcDecrypt(key: Uint8Array, ciphertext: Uint8Array): Uint8Array;
  /** Optional RSASSA-PKCS1-v1_5 signing; without it Web Crypto signs. */
  sign?(key: PrivateKeyMaterial, hash: ProviderHash, message: SignedMessage): Uint8Array;
  /** Optional MD5 of the UTF-8 text (notification signatures); without it @noble/hashes computes it. */
  md5?(text: string): Uint8Array;
  /** Optional RSASSA-PKCS1-v1_5 verification; without it Web Crypto verifies. */
  verify?(key: PublicKeyMaterial, hash: ProviderHash, message: SignedMessage, signature: Uint8Array): boolean;
  /** Optional native base64; without it the runtime's Uint8Array.fromBase64/toBase64 or JavaScript (bytes.ts). */
  base64?: NativeBase64;
}

export const portableProvider: CryptoProvider = {
  name: 'portable',
  // RSADP with the Chinese remainder theorem (two half-size exponentiations instead of one full-size one),
  // with the base blinded (rsa/blinding.ts) and each half's exponent blinded (rsa/exponent-blinding.ts).
  rawPrivateOperation(key, block) {
    const { p, q, dp, dq, qi } = key.components;
    const m = blindedPrivateOperation(key, bytesToBigInt(block), (c) => {
      const m1 = modPow(c % p, blindedExponent(dp, p), p);
      const m2 = modPow(c % q, blindedExponent(dq, q), q);
      let h = (qi * (m1 - m2)) % p;
      if (h < 0n) h += p;
      return m2 + h * q;
    });
    return bigIntToBytes(m, key.byteLength);
  },
  rawPublicOperation(key, block) {
    return bigIntToBytes(modPow(bytesToBigInt(block), key.e, key.n), key.byteLength);
  },
  aesCbcEncrypt(key, plaintext) {
    return cbc(key, key).encrypt(plaintext);
  },
  aesCbcDecrypt(key, ciphertext) {
    return cbc(key, key).decrypt(ciphertext);
  },
};

let current: CryptoProvider = portableProvider;

/** Replaces the provider (the Node entry does this once at load). Returns the previous one. */
export function setCryptoProvider(provider: CryptoProvider): CryptoProvider {
  const previous = current;
  current = provider;
  lendNativeBase64(provider.base64);
  return previous;
}

export function getCryptoProvider(): CryptoProvider {
  return current;
}
