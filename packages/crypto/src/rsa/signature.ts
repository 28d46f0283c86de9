import { utf8Encode } from '../bytes.js';
import {
  type PrivateKeyMaterial,
  type PublicKeyMaterial,
  webCryptoPrivateKey,
  webCryptoPublicKey,
} from '../keys/rsa-key.js';
import { getCryptoProvider, type SignedMessage } from '../provider.js';

export type SignatureHash = 'SHA-256' | 'SHA-1';

/** RSASSA-PKCS1-v1_5 ("SHA256withRSA" / "SHA1withRSA") by Web Crypto; deterministic. */
export async function rsaSign(
  key: PrivateKeyMaterial,
  hash: SignatureHash,
  message: SignedMessage,
): Promise<Uint8Array> {
  const provider = getCryptoProvider();
  if (provider.sign) return provider.sign(key, hash, message);
  const cryptoKey = await webCryptoPrivateKey(key, `RSASSA-PKCS1-v1_5:${hash}`);
  return new Uint8Array(
    await globalThis.crypto.subtle.sign({ name: 'RSASSA-PKCS1-v1_5' }, cryptoKey, bytesOf(message) as BufferSource),
  );
}

/**
 * False for a wrong signature of any length; never throws for a bad signature. Answers without a promise when the
 * provider verifies (Node): each promise an envelope awaits is a measurable share of opening one with RSA-1024.
 */
export function rsaVerify(
  key: PublicKeyMaterial,
  hash: SignatureHash,
  message: SignedMessage,
  signature: Uint8Array,
): boolean | Promise<boolean> {
  if (signature.length !== key.byteLength) return false;
  const provider = getCryptoProvider();
  if (provider.verify) {
    try {
      return provider.verify(key, hash, message, signature);
    } catch {
      return false;
    }
  }
  return webCryptoVerify(key, hash, message, signature);
}

async function webCryptoVerify(
  key: PublicKeyMaterial,
  hash: SignatureHash,
  message: SignedMessage,
  signature: Uint8Array,
): Promise<boolean> {
  const cryptoKey = await webCryptoPublicKey(key, `RSASSA-PKCS1-v1_5:${hash}`);
  try {
    return await globalThis.crypto.subtle.verify(
      { name: 'RSASSA-PKCS1-v1_5' },
      cryptoKey,
      signature as BufferSource,
      bytesOf(message) as BufferSource,
    );
  } catch {
    return false;
  }
}

function bytesOf(message: SignedMessage): Uint8Array {
  return typeof message === 'string' ? utf8Encode(message) : message;
}
