import { bitLength } from './der.js';
import { parseRsaKeyDer } from './parse.js';
import { keyInputToDer, keyInvalid } from './pem.js';
import {
  createPrivateKeyHandle,
  createPublicKeyHandle,
  isImportedPrivateKey,
  isImportedPublicKey,
  type PrivateKeyInput,
  type PublicKeyInput,
  privateKeyMaterial,
  publicKeyMaterial,
  type RsaPrivateKey,
  type RsaPublicKey,
  webCryptoPrivateKey,
  webCryptoPublicKey,
} from './rsa-key.js';

/**
 * Imports an RSA private key from PEM (PKCS#8 `BEGIN PRIVATE KEY` or PKCS#1 `BEGIN RSA PRIVATE KEY`), bare
 * base64 DER, or DER bytes; an already imported key is returned as is. Import once and reuse the result.
 * KEY_INVALID when the input is not an RSA private key of 1024–16384 bits (messages never quote the material).
 */
export async function importPrivateKey(input: PrivateKeyInput): Promise<RsaPrivateKey> {
  if (isImportedPrivateKey(input)) return input;
  if (isImportedPublicKey(input)) throw keyInvalid('Expected a private key but got a public key');
  if (typeof input === 'object' && input !== null && !(input instanceof Uint8Array)) {
    throw keyInvalid('Key object was not created by importPrivateKey');
  }
  const { der, label } = keyInputToDer(input);
  const parsed = parseRsaKeyDer(der, label);
  if (parsed.kind !== 'private') throw keyInvalid('Expected a private key but got a public key');
  const handle = createPrivateKeyHandle(
    { components: parsed.components, pkcs8: parsed.pkcs8.slice() },
    bitLength(parsed.components.n),
  );
  // Let the platform confirm the key now rather than on first use.
  await webCryptoPrivateKey(privateKeyMaterial(handle), 'RSASSA-PKCS1-v1_5:SHA-256');
  return handle;
}

/**
 * The public and the private key an envelope function uses. Handles already imported (import once, reuse) come
 * back as they are, without a promise; anything else is imported by importPublicKey/importPrivateKey in parallel.
 */
export function importKeyPair(
  publicInput: PublicKeyInput,
  privateInput: PrivateKeyInput,
): [RsaPublicKey, RsaPrivateKey] | Promise<[RsaPublicKey, RsaPrivateKey]> {
  if (isImportedPublicKey(publicInput) && isImportedPrivateKey(privateInput)) return [publicInput, privateInput];
  return Promise.all([importPublicKey(publicInput), importPrivateKey(privateInput)]);
}

/**
 * Imports an RSA public key from PEM (SPKI `BEGIN PUBLIC KEY` or PKCS#1 `BEGIN RSA PUBLIC KEY`), bare base64
 * DER, or DER bytes; an already imported key is returned as is. KEY_INVALID as for {@link importPrivateKey}.
 */
export async function importPublicKey(input: PublicKeyInput): Promise<RsaPublicKey> {
  if (isImportedPublicKey(input)) return input;
  if (isImportedPrivateKey(input)) throw keyInvalid('Expected a public key but got a private key');
  if (typeof input === 'object' && input !== null && !(input instanceof Uint8Array)) {
    throw keyInvalid('Key object was not created by importPublicKey');
  }
  const { der, label } = keyInputToDer(input);
  const parsed = parseRsaKeyDer(der, label);
  if (parsed.kind !== 'public') throw keyInvalid('Expected a public key but got a private key');
  const handle = createPublicKeyHandle({ n: parsed.n, e: parsed.e, spki: parsed.spki.slice() }, bitLength(parsed.n));
  await webCryptoPublicKey(publicKeyMaterial(handle), 'RSASSA-PKCS1-v1_5:SHA-256');
  return handle;
}
