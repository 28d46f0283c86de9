import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  aesDecrypt,
  aesEncrypt,
  base64Decode,
  base64Encode,
  decryptAesKey,
  encryptAesKey,
  hexEncode,
  signText,
  utf8Decode,
  verifyText,
} from '../src/index.js';
import { vectors } from './vectors/vectors.js';

// Cross-checks against the OpenSSL command line (spawned with temp files): whatever etkit produces, OpenSSL
// accepts, and the other way round. Note: OpenSSL ≥ 3.2 applies "implicit rejection" to PKCS#1 v1.5
// decryption of *invalid* ciphertexts (returning a pseudo-random message instead of an error); it does not
// change the result for valid ones, which is all these tests feed it. OpenSSL 3.0 (this machine) does not
// know the `rsa_pkcs1_implicit_rejection` option at all, so the tests pass it only where it is supported.

const dir = mkdtempSync(join(tmpdir(), 'etkit-openssl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function file(content: string | Uint8Array): string {
  const path = join(dir, `f${counter++}`);
  writeFileSync(path, content);
  return path;
}
function openssl(args: string[], input?: Uint8Array): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
}
const opensslVersion = openssl(['version']).toString();
const supportsImplicitRejectionOption = !/OpenSSL (1\.|3\.[01]\.)/.test(opensslVersion);

const keySets = [
  ['merchant_1024', vectors.keys.merchant_1024],
  ['merchant_2048', vectors.keys.merchant_2048],
] as const;

describe.each(keySets)('OpenSSL interop with %s', (_name, keys) => {
  const privatePem = file(keys.private_pkcs8_pem);
  const publicPem = file(keys.public_spki_pem);
  const message = 'aeskey=x&count=1&data=[{"a": 10000.00}]&message=成功';

  it('etkit signs, `openssl dgst -sha256 -verify` verifies', async () => {
    const signature = file(base64Decode(await signText(message, keys.private_pkcs8_pem)));
    const out = openssl(['dgst', '-sha256', '-verify', publicPem, '-signature', signature, file(message)]);
    expect(out.toString()).toContain('Verified OK');
  });

  it('`openssl dgst -sha256 -sign` signs, etkit verifies (and the signatures are identical)', async () => {
    const signature = openssl(['dgst', '-sha256', '-sign', privatePem, file(message)]);
    expect(await verifyText(message, signature.toString('base64'), keys.public_spki_pem)).toBe(true);
    expect(await signText(message, keys.private_pkcs8_pem)).toBe(signature.toString('base64'));
  });

  it('`openssl dgst -sha1` signatures interoperate with the SHA-1 profile', async () => {
    const signature = openssl(['dgst', '-sha1', '-sign', privatePem, file(message)]);
    expect(await verifyText(message, signature.toString('base64'), keys.public_spki_pem, { hash: 'SHA-1' })).toBe(true);
  });

  it('etkit PKCS#1 v1.5 key wrap is decrypted by `openssl pkeyutl -decrypt`', async () => {
    const wrapped = file(base64Decode(await encryptAesKey('A1b2C3d4E5f6G7h8', keys.public_spki_pem)));
    const args = ['pkeyutl', '-decrypt', '-inkey', privatePem, '-in', wrapped, '-pkeyopt', 'rsa_padding_mode:pkcs1'];
    if (supportsImplicitRejectionOption) args.push('-pkeyopt', 'rsa_pkcs1_implicit_rejection:0');
    expect(openssl(args).toString()).toBe('A1b2C3d4E5f6G7h8');
  });

  it('etkit OAEP-SHA256 key wrap is decrypted by `openssl pkeyutl -decrypt` (oaep, sha256)', async () => {
    const wrapped = await encryptAesKey('A1b2C3d4E5f6G7h8', keys.public_spki_pem, { keyWrap: 'rsa-oaep-sha256' });
    const out = openssl([
      'pkeyutl',
      '-decrypt',
      '-inkey',
      privatePem,
      '-in',
      file(base64Decode(wrapped)),
      '-pkeyopt',
      'rsa_padding_mode:oaep',
      '-pkeyopt',
      'rsa_oaep_md:sha256',
      '-pkeyopt',
      'rsa_mgf1_md:sha256',
    ]);
    expect(out.toString()).toBe('A1b2C3d4E5f6G7h8');
  });

  it.each([
    ['pkcs1', 'rsa-pkcs1-v1_5', ['rsa_padding_mode:pkcs1']],
    ['oaep sha256', 'rsa-oaep-sha256', ['rsa_padding_mode:oaep', 'rsa_oaep_md:sha256', 'rsa_mgf1_md:sha256']],
    ['oaep sha1', 'rsa-oaep-sha1', ['rsa_padding_mode:oaep', 'rsa_oaep_md:sha1']],
  ] as const)('`openssl pkeyutl -encrypt` (%s) makes what etkit unwraps', async (_label, keyWrap, opts) => {
    const secret = 'Q9w8E7r6T5y4U3i2';
    const args = ['pkeyutl', '-encrypt', '-pubin', '-inkey', publicPem, '-in', file(secret)];
    for (const opt of opts) args.push('-pkeyopt', opt);
    const wrapped = openssl(args);
    expect(utf8Decode(await decryptAesKey(wrapped.toString('base64'), keys.private_pkcs8_pem, { keyWrap }))).toBe(
      secret,
    );
  });
});

describe('OpenSSL interop: AES-128-CBC with IV = key', () => {
  const key = 'A1b2C3d4E5f6G7h8';
  const keyHex = hexEncode(new TextEncoder().encode(key));
  const plaintexts = ['', '[]', 'x'.repeat(16), '{"name_ch":"测试","tuition":130}', '😀'.repeat(100)];

  it.each(plaintexts)('etkit encrypts, `openssl enc -d` decrypts: %j', (plaintext) => {
    const ciphertext = file(base64Decode(aesEncrypt(key, plaintext)));
    const out = openssl(['enc', '-d', '-aes-128-cbc', '-K', keyHex, '-iv', keyHex, '-in', ciphertext]);
    expect(out.toString('utf8')).toBe(plaintext);
  });

  it.each(plaintexts)('`openssl enc` encrypts, etkit decrypts: %j', (plaintext) => {
    const out = openssl(['enc', '-aes-128-cbc', '-K', keyHex, '-iv', keyHex, '-in', file(plaintext)]);
    expect(utf8Decode(aesDecrypt(key, base64Encode(out)))).toBe(plaintext);
    expect(aesEncrypt(key, plaintext)).toBe(out.toString('base64'));
  });

  it('a vector ciphertext decrypts under openssl too', () => {
    const v = vectors.aes_128_cbc_key_is_iv[3]!;
    const hex = hexEncode(new TextEncoder().encode(v.key));
    const out = openssl([
      'enc',
      '-d',
      '-aes-128-cbc',
      '-K',
      hex,
      '-iv',
      hex,
      '-in',
      file(base64Decode(v.ciphertext_b64)),
    ]);
    expect(out.toString()).toBe(v.plaintext);
  });
});
