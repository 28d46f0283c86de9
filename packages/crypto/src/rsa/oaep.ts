import {
  type PrivateKeyMaterial,
  type PublicKeyMaterial,
  webCryptoPrivateKey,
  webCryptoPublicKey,
} from '../keys/rsa-key.js';

export type OaepHash = 'SHA-256' | 'SHA-1';

/** RSAES-OAEP with MGF1 over the same hash and an empty label, by Web Crypto. */
export async function oaepEncrypt(key: PublicKeyMaterial, hash: OaepHash, message: Uint8Array): Promise<Uint8Array> {
  const cryptoKey = await webCryptoPublicKey(key, `RSA-OAEP:${hash}`);
  return new Uint8Array(
    await globalThis.crypto.subtle.encrypt({ name: 'RSA-OAEP' }, cryptoKey, message as BufferSource),
  );
}

/** Returns `undefined` for any failure; the caller reports the one generic DECRYPT_FAILED. */
export async function oaepDecrypt(
  key: PrivateKeyMaterial,
  hash: OaepHash,
  ciphertext: Uint8Array,
): Promise<Uint8Array | undefined> {
  try {
    const cryptoKey = await webCryptoPrivateKey(key, `RSA-OAEP:${hash}`);
    const plain = await globalThis.crypto.subtle.decrypt({ name: 'RSA-OAEP' }, cryptoKey, ciphertext as BufferSource);
    return new Uint8Array(plain);
  } catch {
    return undefined;
  }
}
