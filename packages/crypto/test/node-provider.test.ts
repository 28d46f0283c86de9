import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  base64Decode,
  importPrivateKey,
  importPublicKey,
  openResponse,
  signText,
  utf8Decode,
  verifyText,
} from '../src/index.js';
import { privateKeyMaterial, publicKeyMaterial } from '../src/keys/rsa-key.js';
import { nodeRsaProvider } from '../src/node/rsa-provider.js';
import { pkcs1v15Decrypt, pkcs1v15Encrypt } from '../src/rsa/pkcs1-v1_5.js';
import { getRsaProvider, portableRsaProvider, setRsaProvider } from '../src/rsa/provider.js';
import { rsaSign, rsaVerify } from '../src/rsa/signature.js';
import { vectors } from './vectors/vectors.js';

// The portable BigInt path is the reference; the node:crypto provider must agree with it everywhere.

afterAll(() => {
  setRsaProvider(portableRsaProvider);
});

const keySets = [vectors.keys.merchant_1024, vectors.keys.et_1024, vectors.keys.merchant_2048];

describe('node entry', () => {
  it('registers the node:crypto provider on import and exports the same API', async () => {
    setRsaProvider(portableRsaProvider);
    const nodeEntry = await import('../src/node/index.js');
    const portableEntry = await import('../src/index.js');
    expect(getRsaProvider().name).toBe('node-crypto');
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
      const portable = await portableRsaProvider.rawPrivateOperation(key, block);
      const native = await nodeRsaProvider.rawPrivateOperation(key, block);
      expect(native).toEqual(portable);
      for (const provider of [portableRsaProvider, nodeRsaProvider]) {
        setRsaProvider(provider);
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
          const portable = await portableRsaProvider.rawPrivateOperation(key, block);
          expect(await nodeRsaProvider.rawPrivateOperation(key, block)).toEqual(portable);

          const wrapped = pkcs1v15Encrypt(key, secret);
          setRsaProvider(portableRsaProvider);
          const viaPortable = await pkcs1v15Decrypt(key, wrapped);
          setRsaProvider(nodeRsaProvider);
          const viaNode = await pkcs1v15Decrypt(key, wrapped);
          expect(viaPortable).toEqual(secret);
          expect(viaNode).toEqual(secret);
          // A random block almost never carries valid padding; both paths must say the same.
          setRsaProvider(portableRsaProvider);
          const randomPortable = await pkcs1v15Decrypt(key, block);
          setRsaProvider(nodeRsaProvider);
          expect(await pkcs1v15Decrypt(key, block)).toEqual(randomPortable);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('signatures: identical bytes and cross-verification on vectors and random messages, SHA-256 and SHA-1', async () => {
    for (const v of vectors.rsa_sha256_sign) {
      setRsaProvider(nodeRsaProvider);
      expect(await signText(v.string, vectors.keys[v.key].private_pkcs8_pem)).toBe(v.sign_b64);
      expect(await verifyText(v.string, v.sign_b64, vectors.keys[v.key].public_spki_pem)).toBe(true);
    }
    const pairs = await Promise.all(
      keySets.map(async (k) => ({
        privateKey: privateKeyMaterial(await importPrivateKey(k.private_pkcs8_pem)),
        publicKey: publicKeyMaterial(await importPublicKey(k.public_spki_pem)),
      })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...pairs),
        fc.constantFrom('SHA-256' as const, 'SHA-1' as const),
        fc.uint8Array({ maxLength: 2000 }),
        fc.nat(),
        async ({ privateKey, publicKey }, hash, message, flip) => {
          setRsaProvider(portableRsaProvider);
          const portable = await rsaSign(privateKey, hash, message);
          setRsaProvider(nodeRsaProvider);
          const native = await rsaSign(privateKey, hash, message);
          expect(native).toEqual(portable);
          expect(await rsaVerify(publicKey, hash, message, portable)).toBe(true);
          const damaged = portable.slice();
          damaged[flip % damaged.length]! ^= 1;
          expect(await rsaVerify(publicKey, hash, message, damaged)).toBe(false);
          setRsaProvider(portableRsaProvider);
          expect(await rsaVerify(publicKey, hash, message, native)).toBe(true);
          expect(await rsaVerify(publicKey, hash, message, damaged)).toBe(false);
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
    setRsaProvider(nodeRsaProvider);
    const viaNode = await openResponse(body, options);
    setRsaProvider(portableRsaProvider);
    const viaPortable = await openResponse(body, options);
    expect(viaNode).toEqual(viaPortable);
    expect(viaNode.sensitive).toEqual(vectors.sealed_response_encrypted.sensitive);
  });
});
