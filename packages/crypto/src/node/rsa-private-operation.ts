import { constants, createPrivateKey, type KeyObject, privateDecrypt } from 'node:crypto';
import type { PrivateKeyMaterial } from '../keys/rsa-key.js';
import type { RsaPrivateOperationProvider } from '../rsa/private-operation.js';

// One node:crypto KeyObject per imported key, created on first use.
const keyObjects = new WeakMap<PrivateKeyMaterial, KeyObject>();

/**
 * The raw RSA private operation by OpenSSL through node:crypto. Node ≥ 20 refuses RSA_PKCS1_PADDING for
 * privateDecrypt (CVE-2023-46809) but not RSA_NO_PADDING: OpenSSL does the exponentiation (with blinding,
 * in constant time) and this package's own constant-time code removes the PKCS#1 v1.5 padding.
 */
export const nodeRsaPrivateOperation: RsaPrivateOperationProvider = {
  name: 'node-crypto-raw-rsa',
  rawPrivateOperation(key, block) {
    let keyObject = keyObjects.get(key);
    if (!keyObject) {
      keyObject = createPrivateKey({ key: Buffer.from(key.pkcs8), format: 'der', type: 'pkcs8' });
      keyObjects.set(key, keyObject);
    }
    const result = privateDecrypt({ key: keyObject, padding: constants.RSA_NO_PADDING }, block);
    return new Uint8Array(result.buffer, result.byteOffset, result.byteLength);
  },
};
