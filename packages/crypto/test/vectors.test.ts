import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  aesDecrypt,
  aesEncrypt,
  base64Decode,
  canonicalString,
  decryptAesKey,
  importPrivateKey,
  importPublicKey,
  isEtkitCryptoError,
  openRequest,
  openResponse,
  parseRawJsonObject,
  sealRequest,
  signText,
  utf8Decode,
  verifyText,
} from '../src/index.js';
import { portableProvider, setCryptoProvider } from '../src/provider.js';
import { pythonJsonDumps } from './helpers/python-json.js';
import { vectors } from './vectors/vectors.js';

// Every entry of vectors.json has a test; the entries not covered here are covered in
// notification.test.ts (notification_md5, notifications) and primitives.test.ts (aes_128_cbc_key_is_iv,
// rsa_key_unwrap, rsa_sha256_sign, keys formats). This file re-checks those briefly so it stands alone.

const { keys } = vectors;
const merchant = { privateKey: keys.merchant_1024.private_pkcs8_pem, publicKey: keys.merchant_1024.public_spki_pem };
const et = { privateKey: keys.et_1024.private_pkcs8_pem, publicKey: keys.et_1024.public_spki_pem };
const merchantSide = { etPublicKey: et.publicKey, merchantPrivateKey: merchant.privateKey };
const etSide = { merchantPublicKey: merchant.publicKey, etPrivateKey: et.privateKey };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('vectors.json coverage', () => {
  it('has a test for every top-level entry', () => {
    const covered = [
      'notification_md5',
      'aes_128_cbc_key_is_iv',
      'keys',
      'rsa_key_unwrap',
      'rsa_sha256_sign',
      'create_order_plaintext',
      'sealed_request',
      'sealed_response_plain',
      'sealed_response_encrypted',
      'sealed_response_encrypted_oaep_sha256',
      'sealed_response_error',
      'tampered_response',
      'response_shape',
      'notifications',
    ];
    expect(Object.keys(vectors).filter((k) => k !== '_about')).toEqual(covered);
  });

  it('aes_128_cbc_key_is_iv and rsa_sha256_sign reproduce byte for byte', async () => {
    for (const v of vectors.aes_128_cbc_key_is_iv) expect(aesEncrypt(v.key, v.plaintext)).toBe(v.ciphertext_b64);
    for (const v of vectors.rsa_sha256_sign)
      expect(await signText(v.string, keys[v.key].private_pkcs8_pem)).toBe(v.sign_b64);
  });

  it('keys: every format of every key imports', async () => {
    for (const set of Object.values(keys)) {
      for (const [format, material] of Object.entries(set)) {
        const key = format.startsWith('private') ? await importPrivateKey(material) : await importPublicKey(material);
        expect(key.bits).toBeGreaterThanOrEqual(1024);
      }
    }
  });
});

describe('create_order_plaintext', () => {
  it('is the sensitive payload of sealed_request and seals/opens losslessly', async () => {
    const sensitive = vectors.create_order_plaintext.sensitive;
    expect(vectors.sealed_request.sensitive).toEqual(sensitive);
    const envelope = await sealRequest(
      { server_type: 'add_special_rent_order', merchant_number: 'ET82009', sub_merchant_number: 'ET82009S001' },
      { sensitive, merchantPrivateKey: merchant.privateKey, etPublicKey: et.publicKey },
    );
    const opened = await openRequest(JSON.stringify(envelope), etSide);
    expect(opened.sensitive).toEqual(sensitive);
    expect(opened.data).toEqual({});
  });
});

describe('sealed_request', () => {
  const v = vectors.sealed_request;
  const body = JSON.stringify(v.envelope);

  it('its canonical string is string_to_sign and the signature verifies with the merchant public key', async () => {
    expect(canonicalString(parseRawJsonObject(body))).toBe(v.string_to_sign);
    expect(await verifyText(v.string_to_sign, v.envelope.sign as string, merchant.publicKey)).toBe(true);
  });

  it('openRequest with the ET private key gives `sensitive`', async () => {
    const opened = await openRequest(body, etSide);
    expect(opened.sensitive).toEqual(v.sensitive);
    expect(opened.data).toEqual({});
    expect(opened.fields.callback_process).toBe('1');
    expect(opened.fields.serial_number).toBe('20231204204337871860ET82009');
    // A parsed object body works too (no decimal numbers here, so nothing is lost).
    expect((await openRequest(v.envelope, etSide)).sensitive).toEqual(v.sensitive);
  });

  it('the aeskey wraps aes_key (PKCS#1 v1.5)', async () => {
    expect(utf8Decode(await decryptAesKey(v.envelope.aeskey as string, et.privateKey))).toBe(v.aes_key);
  });

  it('the vector encrypted Python json.dumps text; with that text, sealing reproduces sensitive_data exactly', async () => {
    const plaintext = utf8Decode(aesDecrypt(v.aes_key, v.envelope.sensitive_data as string));
    expect(plaintext).toBe(pythonJsonDumps(v.sensitive));
    expect(plaintext).not.toBe(JSON.stringify(v.sensitive));
    expect(plaintext).toContain('"name_ch": "\\u6d4b\\u8bd5');

    const fields = {
      server_type: 'add_special_rent_order',
      merchant_number: 'ET82009',
      sub_merchant_number: 'ET82009S001',
      serial_number: '20231204204337871860ET82009',
      callback_process: 1 as const,
    };
    const exact = await sealRequest(fields, {
      sensitiveText: plaintext,
      aesKey: v.aes_key,
      merchantPrivateKey: merchant.privateKey,
      etPublicKey: et.publicKey,
    });
    expect(exact.sensitive_data).toBe(v.envelope.sensitive_data);
    // RSA encryption is randomised: the aeskey differs, so the string to sign differs only there.
    expect(canonicalString({ ...exact, aeskey: v.envelope.aeskey as string })).toBe(v.string_to_sign);

    // Our default (compact JSON.stringify) encrypts other text; the receiver gets the same values.
    const compact = await sealRequest(fields, {
      sensitive: v.sensitive,
      aesKey: v.aes_key,
      merchantPrivateKey: merchant.privateKey,
      etPublicKey: et.publicKey,
    });
    expect(compact.sensitive_data).not.toBe(v.envelope.sensitive_data);
    expect(utf8Decode(aesDecrypt(v.aes_key, compact.sensitive_data))).toBe(JSON.stringify(v.sensitive));
    expect((await openRequest(JSON.stringify(compact), etSide)).sensitive).toEqual(v.sensitive);
  });

  it('is rejected under the wrong merchant key', async () => {
    const error = await rejection(
      openRequest(body, { ...etSide, merchantPublicKey: keys.merchant_2048.public_spki_pem }),
    );
    expect(error).toMatchObject({ code: 'SIGNATURE_INVALID', details: {} });
  });
});

describe('responses', () => {
  it('sealed_response_plain: canonical string, verification, data with exact pay_url', async () => {
    const v = vectors.sealed_response_plain;
    const body = JSON.stringify(v.envelope);
    expect(canonicalString(parseRawJsonObject(body))).toBe(v.string_to_sign);
    const opened = await openResponse(body, merchantSide);
    expect(opened).toEqual({
      statusCode: '000000',
      message: 'SUCCESS',
      count: 1,
      data: [{ pay_url: 'https://pay.example.test/p/ET2026112800000001' }],
      sensitive: [],
      returnInfo: 'r-42',
      extendInfo: '',
      verified: true,
    });
  });

  it('sealed_response_encrypted: verifies, unwraps PKCS#1 v1.5, decrypts; decimal strings stay strings', async () => {
    const v = vectors.sealed_response_encrypted;
    const body = JSON.stringify(v.envelope);
    expect(canonicalString(parseRawJsonObject(body))).toBe(v.string_to_sign);
    const opened = await openResponse(body, merchantSide);
    expect(opened.verified).toBe(true);
    expect(opened.count).toBe(2);
    expect(opened.data).toEqual([]);
    expect(opened.sensitive).toEqual(v.sensitive);
  });

  it('sealed_response_encrypted_oaep_sha256: opens with profile keyWrap rsa-oaep-sha256 only', async () => {
    const v = vectors.sealed_response_encrypted_oaep_sha256;
    const body = JSON.stringify(v.envelope);
    const opened = await openResponse(body, { ...merchantSide, profile: { keyWrap: 'rsa-oaep-sha256' } });
    expect(opened.sensitive).toEqual(v.sensitive);
    expect(opened.count).toBe(1);
    const error = await rejection(openResponse(body, merchantSide));
    expect(error).toMatchObject({ code: 'DECRYPT_FAILED', message: 'Decryption failed' });
    const sha1 = await rejection(openResponse(body, { ...merchantSide, profile: { keyWrap: 'rsa-oaep-sha1' } }));
    expect(sha1).toMatchObject({ code: 'DECRYPT_FAILED', message: 'Decryption failed' });
  });

  it('sealed_response_error: verified and returned as data', async () => {
    const v = vectors.sealed_response_error;
    const opened = await openResponse(JSON.stringify(v.envelope), merchantSide);
    expect(opened).toEqual({
      statusCode: '200003',
      message: 'order is not waiting for payment',
      count: 0,
      data: [],
      sensitive: [],
      returnInfo: '',
      extendInfo: '',
      verified: true,
    });
    const { sign: _sign, ...unsigned } = v.envelope;
    const accepted = await openResponse(JSON.stringify(unsigned), merchantSide);
    expect(accepted).toMatchObject({ statusCode: '200003', verified: false });
    const rejected = await rejection(
      openResponse(JSON.stringify(unsigned), { ...merchantSide, profile: { unsignedResponses: 'reject' } }),
    );
    expect(rejected).toMatchObject({ code: 'SIGNATURE_MISSING', details: { statusCode: '200003' } });
  });

  describe('tampered_response', () => {
    afterEach(() => {
      setCryptoProvider(portableProvider);
      vi.restoreAllMocks();
    });

    it('is SIGNATURE_INVALID, returns nothing of the body, and attempts no decryption', async () => {
      const rsaCalls = vi.fn(portableProvider.rawPrivateOperation);
      const aesCalls = vi.fn(portableProvider.aesCbcDecrypt);
      setCryptoProvider({
        ...portableProvider,
        name: 'counting',
        rawPrivateOperation: rsaCalls,
        aesCbcDecrypt: aesCalls,
      });
      const subtleDecrypt = vi.spyOn(globalThis.crypto.subtle, 'decrypt');

      const error = await rejection(openResponse(JSON.stringify(vectors.tampered_response.envelope), merchantSide));
      expect(isEtkitCryptoError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'SIGNATURE_INVALID', details: {} });
      expect(JSON.stringify(error)).not.toContain('tampered');
      expect((error as Error).message).not.toContain('tampered');
      expect(rsaCalls).not.toHaveBeenCalled();
      expect(aesCalls).not.toHaveBeenCalled();
      expect(subtleDecrypt).not.toHaveBeenCalled();

      // The same counters do see the untampered original being decrypted.
      await openResponse(JSON.stringify(vectors.sealed_response_encrypted.envelope), merchantSide);
      expect(rsaCalls).toHaveBeenCalledTimes(1);
      expect(aesCalls).toHaveBeenCalledTimes(1);
    });
  });

  it('response_shape: 128/992/128-byte fields; cannot verify under our keys → SIGNATURE_INVALID', async () => {
    const e = vectors.response_shape.envelope;
    expect(base64Decode(e.aeskey as string)).toHaveLength(128);
    expect(base64Decode(e.sensitive_data as string)).toHaveLength(992);
    expect(base64Decode(e.sign as string)).toHaveLength(128);
    const error = await rejection(openResponse(JSON.stringify(e), merchantSide));
    expect(error).toMatchObject({ code: 'SIGNATURE_INVALID' });
  });
});
