import { aesCbcDecrypt, aesCbcEncrypt } from './aes.js';
import { base64Decode, base64Encode, utf8Encode } from './bytes.js';
import { decryptFailed, EtkitCryptoError } from './errors.js';
import { importPrivateKey, importPublicKey } from './keys/import.js';
import { type PrivateKeyInput, type PublicKeyInput, privateKeyMaterial, publicKeyMaterial } from './keys/rsa-key.js';
import { type KeyWrap, unwrapKey, wrapKey } from './rsa/key-wrap.js';
import { rsaSign, rsaVerify, type SignatureHash } from './rsa/signature.js';

// The building blocks of the envelopes, for tools that explain or debug a single step.

/** RSASSA-PKCS1-v1_5 signature of the UTF-8 text, base64. Default hash SHA-256. */
export async function signText(
  text: string,
  privateKey: PrivateKeyInput,
  options: { hash?: SignatureHash } = {},
): Promise<string> {
  if (typeof text !== 'string') throw new EtkitCryptoError('INVALID_ARGUMENT', 'The text to sign must be a string');
  const key = privateKeyMaterial(await importPrivateKey(privateKey));
  return base64Encode(await rsaSign(key, options.hash ?? 'SHA-256', text));
}

/** True when `signatureBase64` is a valid signature of the UTF-8 text; false for any bad or malformed signature. */
export async function verifyText(
  text: string,
  signatureBase64: string,
  publicKey: PublicKeyInput,
  options: { hash?: SignatureHash } = {},
): Promise<boolean> {
  const key = publicKeyMaterial(await importPublicKey(publicKey));
  let signature: Uint8Array;
  try {
    signature = base64Decode(signatureBase64);
  } catch {
    return false;
  }
  return rsaVerify(key, options.hash ?? 'SHA-256', text, signature);
}

/** AES-128-CBC / PKCS#7 with IV = key; returns base64. The key is 16 bytes (or a 16-byte string). */
export function aesEncrypt(key: string | Uint8Array, plaintext: string | Uint8Array): string {
  const bytes = typeof plaintext === 'string' ? utf8Encode(plaintext) : plaintext;
  if (!(bytes instanceof Uint8Array)) {
    throw new EtkitCryptoError('INVALID_ARGUMENT', 'The plaintext must be a string or a Uint8Array');
  }
  return base64Encode(aesCbcEncrypt(aesKeyBytes(key), bytes));
}

/** Inverse of {@link aesEncrypt}: DECRYPT_FAILED for any bad key, base64, length or padding. */
export function aesDecrypt(key: string | Uint8Array, ciphertextBase64: string): Uint8Array {
  let ciphertext: Uint8Array;
  try {
    ciphertext = base64Decode(ciphertextBase64);
  } catch {
    throw decryptFailed();
  }
  return aesCbcDecrypt(aesKeyBytes(key), ciphertext);
}

/** Encrypts an AES key under an RSA public key (default RSAES-PKCS1-v1_5); returns base64. */
export async function encryptAesKey(
  aesKey: string | Uint8Array,
  publicKey: PublicKeyInput,
  options: { keyWrap?: KeyWrap } = {},
): Promise<string> {
  const key = publicKeyMaterial(await importPublicKey(publicKey));
  return base64Encode(await wrapKey(options.keyWrap ?? 'rsa-pkcs1-v1_5', key, aesKeyBytes(aesKey)));
}

/** Decrypts a base64 `aeskey` with an RSA private key; DECRYPT_FAILED for any failure. */
export async function decryptAesKey(
  aeskeyBase64: string,
  privateKey: PrivateKeyInput,
  options: { keyWrap?: KeyWrap } = {},
): Promise<Uint8Array> {
  const key = privateKeyMaterial(await importPrivateKey(privateKey));
  let wrapped: Uint8Array;
  try {
    wrapped = base64Decode(aeskeyBase64);
  } catch {
    throw decryptFailed();
  }
  return unwrapKey(options.keyWrap ?? 'rsa-pkcs1-v1_5', key, wrapped);
}

export function aesKeyBytes(key: string | Uint8Array): Uint8Array {
  const bytes = typeof key === 'string' ? utf8Encode(key) : key;
  if (!(bytes instanceof Uint8Array) || bytes.length !== 16) {
    throw new EtkitCryptoError('INVALID_ARGUMENT', 'The AES key must be 16 bytes (16 ASCII characters)');
  }
  return bytes;
}
