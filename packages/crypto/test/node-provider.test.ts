import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  base64Decode,
  importPrivateKey,
  importPublicKey,
  openResponse,
  signNotification,
  signText,
  utf8Decode,
  verifyNotification,
  verifyText,
} from '../src/index.js';
import { privateKeyMaterial, publicKeyMaterial } from '../src/keys/rsa-key.js';
import { nodeProvider } from '../src/node/provider.js';
import { getCryptoProvider, portableProvider, setCryptoProvider } from '../src/provider.js';
import { pkcs1v15Decrypt, pkcs1v15Encrypt } from '../src/rsa/pkcs1-v1_5.js';
import { rsaSign, rsaVerify } from '../src/rsa/signature.js';
import { vectors } from './vectors/vectors.js';

// The portable BigInt path is the reference; the node:crypto provider must agree with it everywhere.

afterAll(() => {
  setCryptoProvider(portableProvider);
});

const keySets = [vectors.keys.merchant_1024, vectors.keys.et_1024, vectors.keys.merchant_2048];

describe('node entry', () => {
  it('registers the node:crypto provider on import and exports the same API', async () => {
    setCryptoProvider(portableProvider);
    const nodeEntry = await import('../src/node/index.js');
    const portableEntry = await import('../src/index.js');
    expect(getCryptoProvider().name).toBe('node-crypto');
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
      const portable = await portableProvider.rawPrivateOperation(key, block);
      const native = await nodeProvider.rawPrivateOperation(key, block);
      expect(native).toEqual(portable);
      for (const provider of [portableProvider, nodeProvider]) {
        setCryptoProvider(provider);
        expect(utf8Decode((await pkcs1v15Decrypt(key, block))!)).toBe(c.plain);
      }
    }
  });

  it('on random blocks below the modulus and random wrapped secrets', async () => {
    // Private material plus the SPKI, so the same object can encrypt (public op) and decrypt.
    const keys = await Promise.all(
      keySets.map(async (k) => ({
        ...privateKeyMaterial(await importPrivateKey(k.private_pkcs8_pem)),
        spki: publicKeyMaterial(await importPublicKey(k.public_spki_pem)).spki,
      })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...keys),
        fc.uint8Array({ minLength: 256, maxLength: 256 }),
        fc.uint8Array({ minLength: 0, maxLength: 64 }),
        async (key, randomBytes, secret) => {
          const block = randomBytes.slice(0, key.byteLength);
          block[0] = 0; // below the modulus
          const portable = await portableProvider.rawPrivateOperation(key, block);
          expect(await nodeProvider.rawPrivateOperation(key, block)).toEqual(portable);

          const wrapped = pkcs1v15Encrypt(key, secret);
          setCryptoProvider(portableProvider);
          const viaPortable = await pkcs1v15Decrypt(key, wrapped);
          setCryptoProvider(nodeProvider);
          const viaNode = await pkcs1v15Decrypt(key, wrapped);
          expect(viaPortable).toEqual(secret);
          expect(viaNode).toEqual(secret);
          // A random block almost never carries valid padding; both paths must say the same.
          setCryptoProvider(portableProvider);
          const randomPortable = await pkcs1v15Decrypt(key, block);
          setCryptoProvider(nodeProvider);
          expect(await pkcs1v15Decrypt(key, block)).toEqual(randomPortable);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('raw public operation and AES-128-CBC: identical results on random inputs', async () => {
    const publicKeys = await Promise.all(
      keySets.map(async (k) => publicKeyMaterial(await importPublicKey(k.public_spki_pem))),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...publicKeys),
        fc.uint8Array({ minLength: 256, maxLength: 256 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ maxLength: 300 }),
        async (key, randomBlock, aesKey, plaintext) => {
          const block = randomBlock.slice(0, key.byteLength);
          block[0] = 0;
          expect(nodeProvider.rawPublicOperation(key, block)).toEqual(portableProvider.rawPublicOperation(key, block));
          const ciphertext = portableProvider.aesCbcEncrypt(aesKey, plaintext);
          expect(nodeProvider.aesCbcEncrypt(aesKey, plaintext)).toEqual(ciphertext);
          expect(nodeProvider.aesCbcDecrypt(aesKey, ciphertext)).toEqual(plaintext);
          // Random ciphertext: both accept (and agree) or both reject.
          const random = randomBlock.slice(0, 32);
          const outcome = (decrypt: () => Uint8Array) => {
            try {
              return decrypt();
            } catch {
              return 'rejected';
            }
          };
          expect(outcome(() => nodeProvider.aesCbcDecrypt(aesKey, random))).toEqual(
            outcome(() => portableProvider.aesCbcDecrypt(aesKey, random)),
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it('signatures: identical bytes and cross-verification on vectors and random messages, SHA-256 and SHA-1', async () => {
    for (const v of vectors.rsa_sha256_sign) {
      setCryptoProvider(nodeProvider);
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
          setCryptoProvider(portableProvider);
          const portable = await rsaSign(privateKey, hash, message);
          setCryptoProvider(nodeProvider);
          const native = await rsaSign(privateKey, hash, message);
          expect(native).toEqual(portable);
          expect(await rsaVerify(publicKey, hash, message, portable)).toBe(true);
          // Text messages (encoded as UTF-8, lone surrogates as U+FFFD) sign the same on both paths.
          const text = new TextDecoder().decode(message) + String.fromCharCode(0xd800);
          setCryptoProvider(portableProvider);
          const portableText = await rsaSign(privateKey, hash, text);
          setCryptoProvider(nodeProvider);
          expect(await rsaSign(privateKey, hash, text)).toEqual(portableText);
          expect(await rsaVerify(publicKey, hash, text, portableText)).toBe(true);
          const damaged = portable.slice();
          damaged[flip % damaged.length]! ^= 1;
          expect(await rsaVerify(publicKey, hash, message, damaged)).toBe(false);
          setCryptoProvider(portableProvider);
          expect(await rsaVerify(publicKey, hash, message, native)).toBe(true);
          expect(await rsaVerify(publicKey, hash, message, damaged)).toBe(false);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('MD5: native and @noble agree on random text (lone surrogates included) and on every notification vector', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (binary, text) => {
        for (const input of [binary, text, `${text}\ud800`]) {
          setCryptoProvider(portableProvider);
          const portable = signNotification({ input }, 'salt');
          setCryptoProvider(nodeProvider);
          expect(signNotification({ input }, 'salt')).toBe(portable);
        }
      }),
      { numRuns: 200 },
    );
    setCryptoProvider(nodeProvider);
    const { salt, fields, sign } = vectors.notification_md5;
    expect(signNotification(fields, salt)).toBe(sign);
    expect(verifyNotification({ ...fields, sign }, salt)).toBe(true);
    for (const c of vectors.notifications.cases.filter((c) => c.content_type.includes('urlencoded'))) {
      expect(verifyNotification(Object.fromEntries(new URLSearchParams(c.body)), vectors.notifications.salt)).toBe(
        c.valid,
      );
    }
  });

  it('opens the encrypted response vector the same way', async () => {
    const options = {
      etPublicKey: vectors.keys.et_1024.public_spki_pem,
      merchantPrivateKey: vectors.keys.merchant_1024.private_pkcs8_pem,
    };
    const body = JSON.stringify(vectors.sealed_response_encrypted.envelope);
    setCryptoProvider(nodeProvider);
    const viaNode = await openResponse(body, options);
    setCryptoProvider(portableProvider);
    const viaPortable = await openResponse(body, options);
    expect(viaNode).toEqual(viaPortable);
    expect(viaNode.sensitive).toEqual(vectors.sealed_response_encrypted.sensitive);
  });
});

describe('a provider whose private operation answers with a promise', () => {
  // Both built-in providers answer synchronously and the envelope code then awaits nothing it does not need to;
  // the interface also allows a promise (a hardware or remote key), which must give the same results.
  const asyncProvider = {
    ...portableProvider,
    name: 'async-portable',
    rawPrivateOperation: async (key: Parameters<typeof portableProvider.rawPrivateOperation>[0], block: Uint8Array) =>
      portableProvider.rawPrivateOperation(key, block),
  };

  it('opens the vectors and random round trips like the synchronous providers, and refuses alike', async () => {
    const merchantSide = {
      etPublicKey: vectors.keys.et_1024.public_spki_pem,
      merchantPrivateKey: vectors.keys.merchant_1024.private_pkcs8_pem,
    };
    const body = JSON.stringify(vectors.sealed_response_encrypted.envelope);
    const key = privateKeyMaterial(await importPrivateKey(vectors.keys.merchant_1024.private_pkcs8_pem));
    const publicKey = publicKeyMaterial(await importPublicKey(vectors.keys.merchant_1024.public_spki_pem));
    const wrappedBlock = base64Decode(vectors.sealed_response_encrypted.envelope.aeskey as string);
    for (const provider of [asyncProvider, nodeProvider, portableProvider]) {
      setCryptoProvider(provider);
      expect((await openResponse(body, merchantSide)).sensitive).toEqual(vectors.sealed_response_encrypted.sensitive);
      const unwrapped = pkcs1v15Decrypt(key, wrappedBlock);
      expect(unwrapped instanceof Promise).toBe(provider === asyncProvider);
    }
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 100 }), fc.nat(127), async (secret, flip) => {
        setCryptoProvider(portableProvider);
        const wrapped = pkcs1v15Encrypt(publicKey, secret);
        const damaged = wrapped.slice();
        damaged[flip] = damaged[flip]! ^ 0x01;
        const expected = [await pkcs1v15Decrypt(key, wrapped), await pkcs1v15Decrypt(key, damaged)];
        setCryptoProvider(asyncProvider);
        expect([await pkcs1v15Decrypt(key, wrapped), await pkcs1v15Decrypt(key, damaged)]).toEqual(expected);
      }),
      { numRuns: 20 },
    );
  });
});
