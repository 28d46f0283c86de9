import {
  constants,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  type KeyObject,
  privateDecrypt,
} from 'node:crypto';
import type { PrivateKeyMaterial, PublicKeyMaterial } from '../keys/rsa-key.js';
import type { ProviderHash, RsaProvider } from '../rsa/provider.js';

// One node:crypto KeyObject per imported key, created on first use.
const privateKeyObjects = new WeakMap<PrivateKeyMaterial, KeyObject>();
const publicKeyObjects = new WeakMap<PublicKeyMaterial, KeyObject>();

function privateKeyObject(key: PrivateKeyMaterial): KeyObject {
  let keyObject = privateKeyObjects.get(key);
  if (!keyObject) {
    keyObject = createPrivateKey({ key: Buffer.from(key.pkcs8), format: 'der', type: 'pkcs8' });
    privateKeyObjects.set(key, keyObject);
  }
  return keyObject;
}

function publicKeyObject(key: PublicKeyMaterial): KeyObject {
  let keyObject = publicKeyObjects.get(key);
  if (!keyObject) {
    keyObject = createPublicKey({ key: Buffer.from(key.spki), format: 'der', type: 'spki' });
    publicKeyObjects.set(key, keyObject);
  }
  return keyObject;
}

const NODE_HASH: Record<ProviderHash, string> = { 'SHA-256': 'sha256', 'SHA-1': 'sha1' };

function bytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * node:crypto (OpenSSL) for the RSA operations. Node ≥ 20 refuses RSA_PKCS1_PADDING for privateDecrypt
 * (CVE-2023-46809) but not RSA_NO_PADDING: OpenSSL does the exponentiation (blinded, constant time) and this
 * package's own constant-time code removes the PKCS#1 v1.5 padding. Signing and verification run
 * synchronously here, avoiding Web Crypto's hop to the thread pool.
 */
export const nodeRsaProvider: RsaProvider = {
  name: 'node-crypto',
  rawPrivateOperation(key, block) {
    return bytes(privateDecrypt({ key: privateKeyObject(key), padding: constants.RSA_NO_PADDING }, block));
  },
  sign(key, hash, message) {
    return bytes(createSign(NODE_HASH[hash]).update(message).sign(privateKeyObject(key)));
  },
  verify(key, hash, message, signature) {
    return createVerify(NODE_HASH[hash]).update(message).verify(publicKeyObject(key), signature);
  },
};
