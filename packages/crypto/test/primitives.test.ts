import { createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt, constants as rsa } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aesDecrypt,
  aesEncrypt,
  base64Decode,
  base64Encode,
  decryptAesKey,
  encryptAesKey,
  signText,
  utf8Decode,
  verifyText,
} from '../src/index.js';
import { unpadPkcs1v15 } from '../src/rsa/pkcs1-v1_5.js';
import { vectors } from './vectors/vectors.js';

const decryptFailed = expect.objectContaining({ code: 'DECRYPT_FAILED', message: 'Decryption failed' });
const { merchant_1024, merchant_2048 } = vectors.keys;

describe('AES-128-CBC, IV = key (vectors.aes_128_cbc_key_is_iv)', () => {
  it.each(vectors.aes_128_cbc_key_is_iv.map((v) => [v.key, v.plaintext, v] as const))(
    'key %s, plaintext %j: both directions',
    (_key, _plain, v) => {
      expect(aesEncrypt(v.key, v.plaintext)).toBe(v.ciphertext_b64);
      expect(utf8Decode(aesDecrypt(v.key, v.ciphertext_b64))).toBe(v.plaintext);
    },
  );

  it('rejects a wrong key, a damaged ciphertext and bad base64 with one DECRYPT_FAILED', () => {
    const v = vectors.aes_128_cbc_key_is_iv[3]!;
    const bytes = base64Decode(v.ciphertext_b64);
    const truncated = base64Encode(bytes.subarray(0, bytes.length - 1));
    const lastBlockChanged = bytes.slice();
    lastBlockChanged[lastBlockChanged.length - 1]! ^= 0x55;
    expect(() => aesDecrypt(v.key, truncated)).toThrowError(decryptFailed);
    expect(() => aesDecrypt(v.key, base64Encode(lastBlockChanged))).toThrowError(decryptFailed);
    expect(() => aesDecrypt(v.key, '')).toThrowError(decryptFailed);
    expect(() => aesDecrypt(v.key, '%%%')).toThrowError(decryptFailed);
    expect(() => aesEncrypt('short', 'x')).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('RSA key wrap (vectors.rsa_key_unwrap)', () => {
  const keyWrapOf = {
    pkcs1: 'rsa-pkcs1-v1_5',
    'oaep-sha256': 'rsa-oaep-sha256',
    'oaep-sha1': 'rsa-oaep-sha1',
  } as const;

  it.each(vectors.rsa_key_unwrap.map((v) => [v.key, v.padding, v] as const))('unwraps %s %s', async (_k, _p, v) => {
    const keyWrap = keyWrapOf[v.padding as keyof typeof keyWrapOf];
    const secret = await decryptAesKey(v.ciphertext_b64, vectors.keys[v.key].private_pkcs8_pem, { keyWrap });
    expect(utf8Decode(secret)).toBe(v.plaintext);
    // The same ciphertext under another padding mode fails with the same generic error.
    const other = keyWrap === 'rsa-pkcs1-v1_5' ? 'rsa-oaep-sha256' : 'rsa-pkcs1-v1_5';
    await expect(
      decryptAesKey(v.ciphertext_b64, vectors.keys[v.key].private_pkcs8_pem, { keyWrap: other }),
    ).rejects.toThrowError(decryptFailed);
  });

  it.each(['rsa-pkcs1-v1_5', 'rsa-oaep-sha256', 'rsa-oaep-sha1'] as const)('%s round trips', async (keyWrap) => {
    const wrapped = await encryptAesKey('A1b2C3d4E5f6G7h8', merchant_2048.public_spki_pem, { keyWrap });
    expect(base64Decode(wrapped)).toHaveLength(256);
    const secret = await decryptAesKey(wrapped, merchant_2048.private_pkcs8_pem, { keyWrap });
    expect(utf8Decode(secret)).toBe('A1b2C3d4E5f6G7h8');
  });

  it('fails with one DECRYPT_FAILED for the wrong key, wrong length, out-of-range block or bad base64', async () => {
    const v = vectors.rsa_key_unwrap[0]!;
    const bytes = base64Decode(v.ciphertext_b64);
    const n = createPublicKey(merchant_1024.public_spki_pem).export({ format: 'jwk' }).n!;
    for (const input of [
      base64Encode(bytes.subarray(1)),
      base64Encode(new Uint8Array(128).fill(0xff)), // ≥ n
      base64Encode(Buffer.from(n, 'base64url')), // = n
      'not base64!',
    ]) {
      await expect(decryptAesKey(input, merchant_1024.private_pkcs8_pem)).rejects.toThrowError(decryptFailed);
    }
    await expect(decryptAesKey(v.ciphertext_b64, vectors.keys.et_1024.private_pkcs8_pem)).rejects.toThrowError(
      decryptFailed,
    );
  });

  it('PKCS#1 v1.5 unpadding agrees with a reference decoder on random encoded blocks', () => {
    const reference = (em: Uint8Array): Uint8Array | undefined => {
      if (em[0] !== 0 || em[1] !== 2) return undefined;
      const sep = em.indexOf(0, 2);
      if (sep < 10) return undefined;
      return em.slice(sep + 1);
    };
    const block = fc.oneof(
      fc.uint8Array({ minLength: 128, maxLength: 128 }),
      fc
        .tuple(
          fc.uint8Array({ minLength: 0, maxLength: 20 }),
          fc.integer({ min: 0, max: 125 }),
          fc.uint8Array({ minLength: 128, maxLength: 128 }),
        )
        .map(([prefix, zeroAt, body]) => {
          const em = body.slice();
          em[0] = 0;
          em[1] = 2;
          for (let i = 2; i < 2 + prefix.length && i < 128; i++) em[i] = prefix[i - 2]! | 1;
          em[2 + zeroAt] = 0;
          return em;
        }),
    );
    fc.assert(
      fc.property(block, (em) => {
        expect(unpadPkcs1v15(em)).toEqual(reference(em));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with node:crypto: Node encrypts PKCS#1 v1.5, etkit decrypts; etkit encrypts, raw Node decrypt unpads', async () => {
    const secret = Buffer.from('Q9w8E7r6T5y4U3i2');
    const wrapped = publicEncrypt({ key: merchant_2048.public_spki_pem, padding: rsa.RSA_PKCS1_PADDING }, secret);
    expect(utf8Decode(await decryptAesKey(wrapped.toString('base64'), merchant_2048.private_pkcs8_pem))).toBe(
      secret.toString(),
    );
    const ours = base64Decode(await encryptAesKey(secret, merchant_2048.public_spki_pem));
    const raw = privateDecrypt(
      { key: createPrivateKey(merchant_2048.private_pkcs8_pem), padding: rsa.RSA_NO_PADDING },
      ours,
    );
    expect(raw[0]).toBe(0);
    expect(raw[1]).toBe(2);
    expect(raw.subarray(2, raw.length - 17).includes(0)).toBe(false);
    expect(Buffer.from(unpadPkcs1v15(raw)!).toString()).toBe(secret.toString());
  });
});

describe('RSASSA-PKCS1-v1_5 SHA-256 signatures (vectors.rsa_sha256_sign)', () => {
  it.each(vectors.rsa_sha256_sign.map((v) => [v.key, v] as const))('%s: exact signature bytes', async (_k, v) => {
    const keys = vectors.keys[v.key];
    expect(await signText(v.string, keys.private_pkcs8_pem)).toBe(v.sign_b64);
    expect(await verifyText(v.string, v.sign_b64, keys.public_spki_pem)).toBe(true);
    expect(await verifyText(`${v.string} `, v.sign_b64, keys.public_spki_pem)).toBe(false);
    expect(await verifyText(v.string, v.sign_b64.slice(4), keys.public_spki_pem)).toBe(false);
    expect(await verifyText(v.string, '%%', keys.public_spki_pem)).toBe(false);
  });

  it('PKCS#1 PEM, PKCS#8 PEM, base64 DER and DER bytes give identical signatures', async () => {
    const v = vectors.rsa_sha256_sign[0]!;
    const forms = [
      merchant_1024.private_pkcs8_pem,
      merchant_1024.private_pkcs1_pem!,
      merchant_1024.private_pkcs8_der_b64!,
      base64Decode(merchant_1024.private_pkcs8_der_b64!),
    ];
    for (const form of forms) expect(await signText(v.string, form)).toBe(v.sign_b64);
    for (const form of [merchant_1024.public_spki_pem, merchant_1024.public_spki_der_b64!]) {
      expect(await verifyText(v.string, v.sign_b64, form)).toBe(true);
    }
  });

  it('SHA-1 option signs "SHA1withRSA"', async () => {
    const sig = await signText('abc', merchant_1024.private_pkcs8_pem, { hash: 'SHA-1' });
    expect(await verifyText('abc', sig, merchant_1024.public_spki_pem, { hash: 'SHA-1' })).toBe(true);
    expect(await verifyText('abc', sig, merchant_1024.public_spki_pem)).toBe(false);
  });
});

describe('portable RSA internals', () => {
  it('modInverse and modPow agree with their definitions', async () => {
    const { modInverse } = await import('../src/rsa/blinding.js');
    const { modPow } = await import('../src/rsa/modpow.js');
    fc.assert(
      fc.property(fc.bigInt({ min: 2n, max: 1n << 300n }), fc.bigInt({ min: 0n, max: 1n << 200n }), (m, x) => {
        const a = (x % m) + 0n;
        const inverse = modInverse(a, m);
        if (inverse !== undefined) expect((a * inverse) % m).toBe(m === 1n ? 0n : 1n);
        const e = x % 1000n;
        let expected = 1n % m;
        for (let i = 0n; i < e; i++) expected = (expected * a) % m;
        expect(modPow(a, e, m)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('exponent blinding changes the exponent on every call, never the result', async () => {
    const { blindedExponent } = await import('../src/rsa/exponent-blinding.js');
    const { modPow } = await import('../src/rsa/modpow.js');
    const jwk = createPrivateKey(merchant_1024.private_pkcs8_pem).export({ format: 'jwk' });
    const toBigInt = (b64url: string) => BigInt(`0x${Buffer.from(b64url, 'base64url').toString('hex')}`);
    const [p, dp] = [toBigInt(jwk.p!), toBigInt(jwk.dp!)];
    const seen = new Set<bigint>();
    let calls = 0;
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: p - 1n }), (c) => {
        const exponent = blindedExponent(dp, p);
        calls++;
        expect(exponent).not.toBe(dp);
        expect((exponent - dp) % (p - 1n)).toBe(0n);
        seen.add(exponent);
        expect(modPow(c, exponent, p)).toBe(modPow(c, dp, p));
      }),
      { numRuns: 20, examples: [[0n], [1n], [p - 1n]] },
    );
    expect(seen.size).toBe(calls); // a fresh k every call
  });
});
