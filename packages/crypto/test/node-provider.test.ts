import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { base64Decode, importPrivateKey, openResponse, utf8Decode } from '../src/index.js';
import { privateKeyMaterial } from '../src/keys/rsa-key.js';
import { nodeRsaPrivateOperation } from '../src/node/rsa-private-operation.js';
import { pkcs1v15Decrypt, pkcs1v15Encrypt } from '../src/rsa/pkcs1-v1_5.js';
import {
  getRsaPrivateOperationProvider,
  portableRsaPrivateOperation,
  setRsaPrivateOperationProvider,
} from '../src/rsa/private-operation.js';
import { vectors } from './vectors/vectors.js';

// The portable BigInt path is the reference; the node:crypto provider must agree with it everywhere.

afterAll(() => {
  setRsaPrivateOperationProvider(portableRsaPrivateOperation);
});

const keySets = [vectors.keys.merchant_1024, vectors.keys.et_1024, vectors.keys.merchant_2048];

describe('node entry', () => {
  it('registers the node:crypto provider on import and exports the same API', async () => {
    setRsaPrivateOperationProvider(portableRsaPrivateOperation);
    const nodeEntry = await import('../src/node/index.js');
    const portableEntry = await import('../src/index.js');
    expect(getRsaPrivateOperationProvider().name).toBe('node-crypto-raw-rsa');
    expect(Object.keys(nodeEntry).sort()).toEqual(Object.keys(portableEntry).sort());
  });
});

describe('portable and node:crypto RSA private operations agree', () => {
  it('on every PKCS#1 v1.5 vector', async () => {
    const cases = [
      ...vectors.rsa_key_unwrap
        .filter((v) => v.padding === 'pkcs1')
        .map((v) => ({ key: vectors.keys[v.key].private_pkcs8_pem, ciphertext: v.ciphertext_b64, plain: v.plaintext })),
      {
        key: vectors.keys.et_1024.private_pkcs8_pem,
        ciphertext: vectors.sealed_request.envelope.aeskey as string,
        plain: vectors.sealed_request.aes_key,
      },
    ];
    for (const c of cases) {
      const key = privateKeyMaterial(await importPrivateKey(c.key));
      const block = base64Decode(c.ciphertext);
      const portable = await portableRsaPrivateOperation.rawPrivateOperation(key, block);
      const native = await nodeRsaPrivateOperation.rawPrivateOperation(key, block);
      expect(native).toEqual(portable);
      for (const provider of [portableRsaPrivateOperation, nodeRsaPrivateOperation]) {
        setRsaPrivateOperationProvider(provider);
        expect(utf8Decode((await pkcs1v15Decrypt(key, block))!)).toBe(c.plain);
      }
    }
  });

  it('on random blocks below the modulus and random wrapped secrets', async () => {
    const keys = await Promise.all(
      keySets.map(async (k) => privateKeyMaterial(await importPrivateKey(k.private_pkcs8_pem))),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...keys),
        fc.uint8Array({ minLength: 256, maxLength: 256 }),
        fc.uint8Array({ minLength: 0, maxLength: 64 }),
        async (key, randomBytes, secret) => {
          const block = randomBytes.slice(0, key.byteLength);
          block[0] = 0; // below the modulus
          const portable = await portableRsaPrivateOperation.rawPrivateOperation(key, block);
          expect(await nodeRsaPrivateOperation.rawPrivateOperation(key, block)).toEqual(portable);

          const wrapped = pkcs1v15Encrypt(key, secret);
          setRsaPrivateOperationProvider(portableRsaPrivateOperation);
          const viaPortable = await pkcs1v15Decrypt(key, wrapped);
          setRsaPrivateOperationProvider(nodeRsaPrivateOperation);
          const viaNode = await pkcs1v15Decrypt(key, wrapped);
          expect(viaPortable).toEqual(secret);
          expect(viaNode).toEqual(secret);
          // A random block almost never carries valid padding; both paths must say the same.
          setRsaPrivateOperationProvider(portableRsaPrivateOperation);
          const randomPortable = await pkcs1v15Decrypt(key, block);
          setRsaPrivateOperationProvider(nodeRsaPrivateOperation);
          expect(await pkcs1v15Decrypt(key, block)).toEqual(randomPortable);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('opens the encrypted response vector the same way', async () => {
    const options = {
      etPublicKey: vectors.keys.et_1024.public_spki_pem,
      merchantPrivateKey: vectors.keys.merchant_1024.private_pkcs8_pem,
    };
    const body = JSON.stringify(vectors.sealed_response_encrypted.envelope);
    setRsaPrivateOperationProvider(nodeRsaPrivateOperation);
    const viaNode = await openResponse(body, options);
    setRsaPrivateOperationProvider(portableRsaPrivateOperation);
    const viaPortable = await openResponse(body, options);
    expect(viaNode).toEqual(viaPortable);
    expect(viaNode.sensitive).toEqual(vectors.sealed_response_encrypted.sensitive);
  });
});
