import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
} from 'node:crypto';
import type { PrivateKeyMaterial, PublicKeyMaterial } from '../keys/rsa-key.js';
import type { CryptoProvider, ProviderHash } from '../provider.js';
import { bufferBase64 } from './buffer-base64.js';

// One node:crypto KeyObject per imported key, created on first use.
const privateKeyObjects = new WeakMap<object, KeyObject>();
const publicKeyObjects = new WeakMap<object, KeyObject>();

function privateKeyObject(key: PrivateKeyMaterial): KeyObject {
  let keyObject = privateKeyObjects.get(key);
  if (!keyObject) {
    keyObject = createPrivateKey({ key: Buffer.from(key.pkcs8), format: 'der', type: 'pkcs8' });
    privateKeyObjects.set(key, keyObject);
  }
  return keyObject;
}

function publicKeyObject(key: Pick<PublicKeyMaterial, 'spki'>): KeyObject {
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
 * node:crypto (OpenSSL) for the primitive operations. Node ≥ 20 refuses RSA_PKCS1_PADDING for privateDecrypt
 * (CVE-2023-46809) but not RSA_NO_PADDING: OpenSSL does the exponentiation (blinded, constant time) and this
 * package's own constant-time code removes the PKCS#1 v1.5 padding; likewise encryption pads here and lets
 * OpenSSL do the raw public operation. Signing and verification run synchronously, avoiding Web Crypto's
 * hop to the thread pool.
 */
export const nodeProvider: CryptoProvider = {
  name: 'node-crypto',
  rawPrivateOperation(key, block) {
    return bytes(privateDecrypt({ key: privateKeyObject(key), padding: constants.RSA_NO_PADDING }, block));
  },
  rawPublicOperation(key, block) {
    return bytes(publicEncrypt({ key: publicKeyObject(key), padding: constants.RSA_NO_PADDING }, block));
  },
  aesCbcEncrypt(key, plaintext) {
    const cipher = createCipheriv('aes-128-cbc', key, key);
    return bytes(Buffer.concat([cipher.update(plaintext), cipher.final()]));
  },
  aesCbcDecrypt(key, ciphertext) {
    const decipher = createDecipheriv('aes-128-cbc', key, key);
    return bytes(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
  },
  base64: bufferBase64,
  md5(text) {
    return bytes(createHash('md5').update(text, 'utf8').digest());
  },
  sign(key, hash, message) {
    return bytes(createSign(NODE_HASH[hash]).update(message).sign(privateKeyObject(key)));
  },
  verify(key, hash, message, signature) {
    return createVerify(NODE_HASH[hash]).update(message).verify(publicKeyObject(key), signature);
  },
};
