import { decryptFailed, EtkitCryptoError } from './errors.js';
import { getCryptoProvider } from './provider.js';
import { randomBytes, randomString } from './random.js';

/** Size of the AES-128 key, which is also the IV (PROTOCOL.md §5.1). */
export const AES_KEY_LENGTH = 16;

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A fresh 16-byte AES key: 16 ASCII letters and digits drawn without bias ('alphanumeric', satisfies both the
 * "16 bytes" and the "16 characters" reading of the docs), or 16 random bytes ('random-bytes').
 */
export function generateAesKey(alphabet: 'alphanumeric' | 'random-bytes'): Uint8Array {
  if (alphabet === 'random-bytes') return randomBytes(AES_KEY_LENGTH);
  return new TextEncoder().encode(randomString(ALPHANUMERIC, AES_KEY_LENGTH));
}

/** AES-128-CBC with PKCS#7 padding, IV = key (the protocol's rule, not a recommendation). */
export function aesCbcEncrypt(key: Uint8Array, plaintext: Uint8Array): Uint8Array {
  checkKey(key);
  return getCryptoProvider().aesCbcEncrypt(key, plaintext);
}

/** Inverse of {@link aesCbcEncrypt}; any failure (length, padding) is the one generic DECRYPT_FAILED. */
export function aesCbcDecrypt(key: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  if (key.length !== AES_KEY_LENGTH || ciphertext.length === 0 || ciphertext.length % 16 !== 0) throw decryptFailed();
  try {
    return getCryptoProvider().aesCbcDecrypt(key, ciphertext);
  } catch {
    throw decryptFailed();
  }
}

function checkKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== AES_KEY_LENGTH) {
    throw new EtkitCryptoError('INVALID_ARGUMENT', 'The AES key must be 16 bytes');
  }
}
