import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64Decode, generateKeyPair, importPrivateKey, importPublicKey, isEtkitCryptoError } from '../src/index.js';
import { vectors } from './vectors/vectors.js';

const { merchant_1024, et_1024, merchant_2048 } = vectors.keys;

async function expectKeyInvalid(promise: Promise<unknown>, material?: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isEtkitCryptoError(error) && error.code === 'KEY_INVALID').toBe(true);
  if (material) {
    // The message must not echo any part of the key material.
    const body = material.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    for (let i = 0; i + 16 <= body.length; i += 16)
      expect((error as Error).message).not.toContain(body.slice(i, i + 16));
  }
}

describe('key import (vectors.keys)', () => {
  it.each([
    ['merchant_1024 PKCS#8 PEM', merchant_1024.private_pkcs8_pem, 1024],
    ['merchant_1024 PKCS#1 PEM', merchant_1024.private_pkcs1_pem!, 1024],
    ['merchant_1024 PKCS#8 base64 DER', merchant_1024.private_pkcs8_der_b64!, 1024],
    ['merchant_1024 PKCS#8 DER bytes', base64Decode(merchant_1024.private_pkcs8_der_b64!), 1024],
    ['et_1024 PKCS#8 PEM', et_1024.private_pkcs8_pem, 1024],
    ['merchant_2048 PKCS#8 PEM', merchant_2048.private_pkcs8_pem, 2048],
    ['PEM as UTF-8 bytes', new TextEncoder().encode(merchant_1024.private_pkcs1_pem!), 1024],
  ])('imports private key %s', async (_name, input, bits) => {
    const key = await importPrivateKey(input);
    expect(key).toEqual({ kind: 'rsa-private', bits });
    expect(await importPrivateKey(key)).toBe(key);
    expect(JSON.stringify(key)).toBe(`{"kind":"rsa-private","bits":${bits}}`);
  });

  it.each([
    ['merchant_1024 SPKI PEM', merchant_1024.public_spki_pem, 1024],
    ['merchant_1024 SPKI base64 DER', merchant_1024.public_spki_der_b64!, 1024],
    ['merchant_1024 SPKI DER bytes', base64Decode(merchant_1024.public_spki_der_b64!), 1024],
    ['et_1024 SPKI PEM', et_1024.public_spki_pem, 1024],
    ['merchant_2048 SPKI PEM', merchant_2048.public_spki_pem, 2048],
    [
      'PKCS#1 RSA PUBLIC KEY PEM',
      createPublicKey(merchant_1024.public_spki_pem).export({ type: 'pkcs1', format: 'pem' }) as string,
      1024,
    ],
  ])('imports public key %s', async (_name, input, bits) => {
    const key = await importPublicKey(input);
    expect(key).toEqual({ kind: 'rsa-public', bits });
    expect(await importPublicKey(key)).toBe(key);
  });

  it('rejects the wrong kind of key with KEY_INVALID', async () => {
    await expectKeyInvalid(importPrivateKey(merchant_1024.public_spki_pem));
    await expectKeyInvalid(importPublicKey(merchant_1024.private_pkcs8_pem));
    await expectKeyInvalid(importPrivateKey((await importPublicKey(et_1024.public_spki_pem)) as never));
    await expectKeyInvalid(importPublicKey((await importPrivateKey(et_1024.private_pkcs8_pem)) as never));
    await expectKeyInvalid(importPrivateKey({ kind: 'rsa-private', bits: 1024 }));
  });

  it('rejects RSA keys under 1024 bits, non-RSA keys and encrypted keys without echoing them', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 768 });
    const smallPem = small.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    await expectKeyInvalid(importPrivateKey(smallPem), smallPem);
    await expectKeyInvalid(importPublicKey(small.publicKey.export({ type: 'spki', format: 'pem' }) as string));
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecPem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    await expectKeyInvalid(importPrivateKey(ecPem), ecPem);
    await expectKeyInvalid(importPublicKey(ec.publicKey.export({ type: 'spki', format: 'pem' }) as string));
    const encrypted = createPrivateKey(merchant_1024.private_pkcs8_pem).export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-128-cbc',
      passphrase: 'pw',
    }) as string;
    await expectKeyInvalid(importPrivateKey(encrypted), encrypted);
  });

  it('rejects damaged material with KEY_INVALID, never another error', async () => {
    const pem = merchant_1024.private_pkcs8_pem;
    const der = base64Decode(merchant_1024.private_pkcs8_der_b64!);
    const truncated = der.slice(0, der.length - 10);
    const flipped = der.slice();
    flipped[200] = flipped[200]! ^ 0x01; // inside the modulus: components no longer agree
    for (const input of [
      '',
      'not a key',
      pem.replace('END PRIVATE KEY', 'END PUBLIC KEY'),
      pem.replace(/-----END[\s\S]*$/, ''),
      pem.replace('BEGIN PRIVATE KEY', 'BEGIN PUBLIC KEY').replace('END PRIVATE KEY', 'END PUBLIC KEY'),
      truncated,
      flipped,
      new Uint8Array(0),
      new Uint8Array([0x30, 0x80]),
    ]) {
      await expectKeyInvalid(importPrivateKey(input), typeof input === 'string' ? input : undefined);
    }
    await expectKeyInvalid(importPublicKey(42 as never));
  });

  it('rejects a private key whose public exponent does not match its private exponents (KEY_INVALID)', async () => {
    const jwk = createPrivateKey(merchant_1024.private_pkcs8_pem).export({ format: 'jwk' });
    // e = 65539 instead of 65537: n = pq, dp, dq and qi still agree with d, but d no longer inverts e.
    const mismatched = createPrivateKey({ key: { ...jwk, e: 'AQAD' }, format: 'jwk' });
    await expectKeyInvalid(importPrivateKey(mismatched.export({ type: 'pkcs8', format: 'pem' }) as string));
  });

  it('generateKeyPair makes PKCS#8 + SPKI PEM that import and match', async () => {
    const { privateKeyPem, publicKeyPem } = await generateKeyPair(1024);
    expect(privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect((await importPrivateKey(privateKeyPem)).bits).toBe(1024);
    expect((await importPublicKey(publicKeyPem)).bits).toBe(1024);
    const derived = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' });
    expect(derived).toBe(publicKeyPem);
    await expect(generateKeyPair(1000)).rejects.toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
