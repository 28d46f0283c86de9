import { decryptFailed, EtkitCryptoError } from '../errors.js';
import type { PrivateKeyMaterial, PublicKeyMaterial } from '../keys/rsa-key.js';
import type { ProtocolProfile } from '../profile.js';
import { oaepDecrypt, oaepEncrypt } from './oaep.js';
import { pkcs1v15Decrypt, pkcs1v15Encrypt } from './pkcs1-v1_5.js';

export type KeyWrap = ProtocolProfile['keyWrap'];

/** Encrypts `secret` (the AES key) under an RSA public key with the profile's padding (PROTOCOL.md §5.2). */
export async function wrapKey(keyWrap: KeyWrap, key: PublicKeyMaterial, secret: Uint8Array): Promise<Uint8Array> {
  switch (keyWrap) {
    case 'rsa-pkcs1-v1_5':
      return pkcs1v15Encrypt(key, secret);
    case 'rsa-oaep-sha256':
      return oaepEncrypt(key, 'SHA-256', secret);
    case 'rsa-oaep-sha1':
      return oaepEncrypt(key, 'SHA-1', secret);
    default:
      throw new EtkitCryptoError('INVALID_ARGUMENT', 'Unknown key wrap');
  }
}

/**
 * Decrypts a wrapped secret with an RSA private key. Whatever goes wrong (length, range, padding, wrong key,
 * wrong padding mode) the result is the same DECRYPT_FAILED error, so callers cannot become a padding oracle.
 */
export function unwrapKey(
  keyWrap: KeyWrap,
  key: PrivateKeyMaterial,
  wrapped: Uint8Array,
): Uint8Array | Promise<Uint8Array> {
  let secret: Uint8Array | undefined | Promise<Uint8Array | undefined>;
  switch (keyWrap) {
    case 'rsa-pkcs1-v1_5':
      secret = pkcs1v15Decrypt(key, wrapped); // synchronous with the built-in providers
      break;
    case 'rsa-oaep-sha256':
      secret = oaepDecrypt(key, 'SHA-256', wrapped);
      break;
    case 'rsa-oaep-sha1':
      secret = oaepDecrypt(key, 'SHA-1', wrapped);
      break;
  }
  return secret instanceof Promise ? secret.then(requireSecret) : requireSecret(secret);
}

function requireSecret(secret: Uint8Array | undefined): Uint8Array {
  if (!secret) throw decryptFailed();
  return secret;
}
