import { EtkitCryptoError } from '../errors.js';
import { MAX_RSA_BITS, MIN_RSA_BITS } from './parse.js';
import { derToPem } from './pem.js';

/**
 * A fresh RSA key pair (public exponent 65537) from the platform's Web Crypto, as PKCS#8 and SPKI PEM.
 * Default 2048 bits; INVALID_ARGUMENT outside 1024–16384 or when not a multiple of 8.
 */
export async function generateKeyPair(bits = 2048): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  if (!Number.isInteger(bits) || bits < MIN_RSA_BITS || bits > MAX_RSA_BITS || bits % 8 !== 0) {
    throw new EtkitCryptoError(
      'INVALID_ARGUMENT',
      `bits must be a multiple of 8 from ${MIN_RSA_BITS} to ${MAX_RSA_BITS}`,
    );
  }
  const pair = await globalThis.crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  );
  const [pkcs8, spki] = await Promise.all([
    globalThis.crypto.subtle.exportKey('pkcs8', pair.privateKey),
    globalThis.crypto.subtle.exportKey('spki', pair.publicKey),
  ]);
  return {
    privateKeyPem: derToPem(new Uint8Array(pkcs8), 'PRIVATE KEY'),
    publicKeyPem: derToPem(new Uint8Array(spki), 'PUBLIC KEY'),
  };
}
