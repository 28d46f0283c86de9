import { describe, expect, it } from 'vitest';
import {
  aesDecrypt,
  base64Decode,
  canonicalString,
  decryptAesKey,
  importPrivateKey,
  importPublicKey,
  openRequest,
  openResponse,
  sealRequest,
  sealResponse,
  utf8Decode,
  verifyText,
} from '../src/index.js';
import { vectors } from './vectors/vectors.js';

const { keys } = vectors;
const merchantPrivateKey = keys.merchant_1024.private_pkcs8_pem;
const merchantPublicKey = keys.merchant_1024.public_spki_pem;
const etPrivateKey = keys.et_1024.private_pkcs8_pem;
const etPublicKey = keys.et_1024.public_spki_pem;
const baseFields = {
  server_type: 'get_special_pay_url',
  merchant_number: 'ET82009',
  sub_merchant_number: 'ET82009S001',
};

async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: Record<string, unknown>) => error,
  );
}

describe('sealRequest', () => {
  it('fills the defaults and signs exactly the fields it returns', async () => {
    const envelope = await sealRequest(
      { ...baseFields, data: { order_id: 'ET1' } },
      { merchantPrivateKey, etPublicKey },
    );
    expect(envelope).toMatchObject({
      ...baseFields,
      version: '2.0.0',
      callback_process: 0,
      data: '{"order_id":"ET1"}',
      sensitive_data: '',
      aeskey: '',
      extend_info: '',
      return_info: '',
    });
    expect(envelope.serial_number).toMatch(/^\d{20}ET82009$/);
    expect(await verifyText(canonicalString(envelope), envelope.sign, merchantPublicKey)).toBe(true);
    const opened = await openRequest(JSON.stringify(envelope), { merchantPublicKey, etPrivateKey });
    expect(opened.data).toEqual({ order_id: 'ET1' });
    expect(opened.sensitive).toBeUndefined();
    expect(opened.fields.data).toBe('{"order_id":"ET1"}');
  });

  it('uses data text verbatim, "{}" when absent, and rejects non-JSON data', async () => {
    const text = '{"amount": 10000.00}';
    const envelope = await sealRequest({ ...baseFields, data: text }, { merchantPrivateKey, etPublicKey });
    expect(envelope.data).toBe(text);
    const opened = await openRequest(JSON.stringify(envelope), { merchantPublicKey, etPrivateKey });
    expect(opened.data).toEqual({ amount: '10000.00' });
    expect((await sealRequest(baseFields, { merchantPrivateKey, etPublicKey })).data).toBe('{}');
    const error = await rejection(sealRequest({ ...baseFields, data: '{nope' }, { merchantPrivateKey, etPublicKey }));
    expect(error.code).toBe('INVALID_ARGUMENT');
  });

  it('honours the profile: version, callback_process, SHA-1, drop-empty, random-bytes keys, OAEP', async () => {
    const profile = {
      version: '3.0.0',
      callbackProcess: 1 as const,
      signatureHash: 'SHA-1' as const,
      canonicalForm: 'drop-empty' as const,
      aesKeyAlphabet: 'random-bytes' as const,
      keyWrap: 'rsa-oaep-sha1' as const,
    };
    const envelope = await sealRequest(baseFields, {
      sensitive: { name_ch: '测试' },
      merchantPrivateKey,
      etPublicKey,
      profile,
    });
    expect(envelope.version).toBe('3.0.0');
    expect(envelope.callback_process).toBe(1);
    const dropEmpty = canonicalString(envelope, { form: 'drop-empty' });
    expect(dropEmpty).not.toContain('extend_info=');
    expect(await verifyText(dropEmpty, envelope.sign, merchantPublicKey, { hash: 'SHA-1' })).toBe(true);
    const aesKey = await decryptAesKey(envelope.aeskey, etPrivateKey, { keyWrap: 'rsa-oaep-sha1' });
    expect(aesKey).toHaveLength(16);
    expect(utf8Decode(aesDecrypt(aesKey, envelope.sensitive_data))).toBe('{"name_ch":"测试"}');
    const opened = await openRequest(envelope as unknown as Record<string, unknown>, {
      merchantPublicKey,
      etPrivateKey,
      profile,
    });
    expect(opened.sensitive).toEqual({ name_ch: '测试' });
    // Opened under the default profile, the signature does not match (different canonical form and hash).
    expect((await rejection(openRequest(JSON.stringify(envelope), { merchantPublicKey, etPrivateKey }))).code).toBe(
      'SIGNATURE_INVALID',
    );
  });

  it('draws alphanumeric AES keys by default', async () => {
    const envelope = await sealRequest(baseFields, { sensitive: {}, merchantPrivateKey, etPublicKey });
    expect(utf8Decode(await decryptAesKey(envelope.aeskey, etPrivateKey))).toMatch(/^[A-Za-z0-9]{16}$/);
  });

  it('rejects unusable arguments with INVALID_ARGUMENT or KEY_INVALID', async () => {
    expect(
      (await rejection(sealRequest({ ...baseFields, server_type: '' }, { merchantPrivateKey, etPublicKey }))).code,
    ).toBe('INVALID_ARGUMENT');
    expect(
      (await rejection(sealRequest(baseFields, { merchantPrivateKey, etPublicKey, aesKey: 'short', sensitive: {} })))
        .code,
    ).toBe('INVALID_ARGUMENT');
    expect(
      (await rejection(sealRequest(baseFields, { merchantPrivateKey, etPublicKey, sensitive: { n: 1n } as object })))
        .code,
    ).toBe('INVALID_ARGUMENT');
    expect((await rejection(sealRequest(baseFields, { merchantPrivateKey: etPublicKey, etPublicKey }))).code).toBe(
      'KEY_INVALID',
    );
    expect(
      (
        await rejection(
          sealRequest(baseFields, { merchantPrivateKey, etPublicKey, profile: { keyWrap: 'x' as never } }),
        )
      ).code,
    ).toBe('INVALID_ARGUMENT');
  });

  it('accepts imported keys and reuses them', async () => {
    const keysImported = {
      merchantPrivateKey: await importPrivateKey(merchantPrivateKey),
      etPublicKey: await importPublicKey(etPublicKey),
    };
    const envelope = await sealRequest(baseFields, { ...keysImported, sensitive: { a: 1 } });
    const opened = await openRequest(JSON.stringify(envelope), {
      merchantPublicKey: await importPublicKey(merchantPublicKey),
      etPrivateKey: await importPrivateKey(etPrivateKey),
    });
    expect(opened.sensitive).toEqual({ a: 1 });
  });
});

describe('unusual field names', () => {
  it('a signed extra field named __proto__ is kept and covered by the signature, as text or object body', async () => {
    const envelope = await sealResponse({}, { etPrivateKey, merchantPublicKey });
    const withProto = JSON.parse(JSON.stringify(envelope)) as Record<string, unknown>;
    Object.defineProperty(withProto, '__proto__', { value: 'x', enumerable: true });
    // Re-sign including the extra field, as a peer that sends one would.
    const { signText } = await import('../src/index.js');
    withProto.sign = await signText(canonicalString(withProto as never), etPrivateKey);
    const text = JSON.stringify(withProto);
    expect(text).toContain('"__proto__":"x"');
    expect((await openResponse(text, { etPublicKey, merchantPrivateKey })).verified).toBe(true);
    expect((await openResponse(JSON.parse(text), { etPublicKey, merchantPrivateKey })).verified).toBe(true);
    const tampered = text.replace('"__proto__":"x"', '"__proto__":"y"');
    expect((await rejection(openResponse(tampered, { etPublicKey, merchantPrivateKey }))).code).toBe(
      'SIGNATURE_INVALID',
    );
  });
});

describe('openRequest errors', () => {
  const sealed = () =>
    sealRequest(
      { ...baseFields, serial_number: '20260101000000123456ET82009' },
      {
        sensitive: { student_id_number: '130633199302285495' },
        merchantPrivateKey,
        etPublicKey,
      },
    );

  it('MALFORMED_ENVELOPE with safe details only', async () => {
    const envelope = await sealed();
    const error = await rejection(
      openRequest({ ...envelope, merchant_number: 42 }, { merchantPublicKey, etPrivateKey }),
    );
    expect(error).toMatchObject({
      code: 'MALFORMED_ENVELOPE',
      details: { serialNumber: '20260101000000123456ET82009', serverType: 'get_special_pay_url' },
    });
    const hostile = await rejection(
      openRequest({ ...envelope, serial_number: '张三 13800000000', aeskey: 5 }, { merchantPublicKey, etPrivateKey }),
    );
    expect(hostile).toMatchObject({ code: 'MALFORMED_ENVELOPE', details: { serverType: 'get_special_pay_url' } });
    expect(JSON.stringify(hostile)).not.toContain('13800000000');
    expect(String((hostile as unknown as Error).message)).not.toContain('13800000000');
  });

  it('SIGNATURE_MISSING, MALFORMED_JSON', async () => {
    const { sign: _s, ...unsigned } = await sealed();
    expect((await rejection(openRequest(unsigned, { merchantPublicKey, etPrivateKey }))).code).toBe(
      'SIGNATURE_MISSING',
    );
    expect((await rejection(openRequest('{"a":', { merchantPublicKey, etPrivateKey }))).code).toBe('MALFORMED_JSON');
    expect((await rejection(openRequest('[]', { merchantPublicKey, etPrivateKey }))).code).toBe('MALFORMED_JSON');
  });

  it('a signed but undecryptable sensitive_data is one DECRYPT_FAILED with safe details', async () => {
    // ET signs with the merchant key here only to build a validly signed envelope around a bad aeskey.
    const envelope = await sealed();
    const { sign: _s, ...rest } = envelope;
    const bad = await sealRequest(
      { ...baseFields, serial_number: envelope.serial_number },
      { merchantPrivateKey, etPublicKey: keys.merchant_2048.public_spki_pem, sensitive: { a: 1 } },
    );
    expect(rest.serial_number).toBe(bad.serial_number);
    const error = await rejection(openRequest(JSON.stringify(bad), { merchantPublicKey, etPrivateKey }));
    expect(error).toMatchObject({
      code: 'DECRYPT_FAILED',
      message: 'Decryption failed',
      details: { serialNumber: envelope.serial_number },
    });
  });
});

describe('sealResponse / openResponse', () => {
  // PROTOCOL.md §3 [doc]: count is the number of items in `data`; the provider's sample has count 0 beside
  // encrypted records.
  it('round trips, count defaults to the items in data, and the signature covers the sent text', async () => {
    const sensitive = [{ order_id: 'ET1', tuition: '9000.00' }, { order_id: 'ET2' }];
    const envelope = await sealResponse({ return_info: 'r-1' }, { sensitive, etPrivateKey, merchantPublicKey });
    expect(envelope).toMatchObject({
      status_code: '000000',
      message: 'SUCCESS',
      count: 0,
      data: '[]',
      version: '2.0.0',
    });
    expect(base64Decode(envelope.aeskey)).toHaveLength(128);
    expect(await verifyText(canonicalString(envelope), envelope.sign, etPublicKey)).toBe(true);
    const opened = await openResponse(JSON.stringify(envelope), { etPublicKey, merchantPrivateKey });
    expect(opened).toEqual({
      statusCode: '000000',
      message: 'SUCCESS',
      count: 0,
      data: [],
      sensitive,
      returnInfo: 'r-1',
      extendInfo: '',
      verified: true,
    });
  });

  it('keeps a decimal count/amount text in data exactly', async () => {
    const envelope = await sealResponse({ data: '[{"rate": 9.10}]' }, { etPrivateKey, merchantPublicKey });
    expect(envelope.count).toBe(1);
    const opened = await openResponse(JSON.stringify(envelope), { etPublicKey, merchantPrivateKey });
    expect(opened.data).toEqual([{ rate: '9.10' }]);
  });

  it('an unsigned success body is SIGNATURE_MISSING even when unsigned errors are accepted', async () => {
    const { sign: _s, ...unsigned } = await sealResponse({}, { etPrivateKey, merchantPublicKey });
    const error = await rejection(openResponse(unsigned, { etPublicKey, merchantPrivateKey }));
    expect(error).toMatchObject({ code: 'SIGNATURE_MISSING', details: { statusCode: '000000' } });
  });

  it('rejects a response data value that is not a list with INVALID_ARGUMENT', async () => {
    const error = await rejection(sealResponse({ data: { a: 1 } as never }, { etPrivateKey, merchantPublicKey }));
    expect(error.code).toBe('INVALID_ARGUMENT');
  });

  it('rejects bad shapes with MALFORMED_ENVELOPE', async () => {
    const envelope = await sealResponse({}, { etPrivateKey, merchantPublicKey });
    for (const change of [
      { status_code: 0 },
      { status_code: undefined },
      { count: 'many' },
      { data: 5 },
      { sign: 7 },
    ]) {
      const error = await rejection(openResponse({ ...envelope, ...change }, { etPublicKey, merchantPrivateKey }));
      expect(error.code).toBe('MALFORMED_ENVELOPE');
    }
  });
});
