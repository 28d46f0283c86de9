import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalString, openRequest, type RawJsonValue, readEnvelope, sealRequest, signText } from '../src/index.js';
import { vectors } from './vectors/vectors.js';

// readEnvelope lets a server read a request's fields once (to find the merchant and its key) and hand that
// reading to openRequest, which then verifies over the texts it holds instead of parsing the body again.
const { keys } = vectors;
const merchantPrivateKey = keys.merchant_1024.private_pkcs8_pem;
const merchantPublicKey = keys.merchant_1024.public_spki_pem;
const etPrivateKey = keys.et_1024.private_pkcs8_pem;
const etPublicKey = keys.et_1024.public_spki_pem;
const openOptions = { merchantPublicKey, etPrivateKey };

async function sealed(data: Record<string, unknown>, sensitive?: Record<string, unknown>): Promise<string> {
  const envelope = await sealRequest(
    { server_type: 'get_special_pay_url', merchant_number: 'ET82009', sub_merchant_number: 'ET82009S001', data },
    { merchantPrivateKey, etPublicKey, ...(sensitive ? { sensitive } : {}) },
  );
  return JSON.stringify(envelope);
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ ok: true, value }),
    (error: { code?: string }) => ({ ok: false, code: error.code }),
  );

describe('readEnvelope + openRequest', () => {
  it('opens what it read exactly as it opens the text: data, sensitive data and fields', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.oneof(fc.string(), fc.integer())),
        fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string()), { nil: undefined }),
        async (data, sensitive) => {
          const text = await sealed(data, sensitive);
          const fromText = await openRequest(text, openOptions);
          expect(await openRequest(readEnvelope(text), openOptions)).toEqual(fromText);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses what the text refuses: any single changed character of a signed field fails alike', async () => {
    const text = await sealed({ order_id: 'ET2026112800000001' });
    const envelope = JSON.parse(text) as Record<string, string>;
    for (const name of ['serial_number', 'merchant_number', 'server_type', 'data', 'sign']) {
      const tampered = JSON.stringify({ ...envelope, [name]: `${envelope[name]!.slice(0, -1)}x` });
      const viaText = await outcome(openRequest(tampered, openOptions));
      const viaReading = await outcome(openRequest(readEnvelope(tampered), openOptions));
      expect(viaReading, name).toEqual(viaText);
      expect(viaReading.ok, name).toBe(false);
    }
  });

  it('holds the texts it read: frozen fields, and object data taken from its signed text', async () => {
    // data sent as a JSON object, not a string (the parser reads both): signed over its text by hand.
    const { sign: _unused, ...fields } = JSON.parse(await sealed({})) as Record<string, unknown>;
    const data = { order_id: 'ET1' };
    const signed = {
      ...(fields as Record<string, string>),
      data: { type: 'object', text: JSON.stringify(data), value: data },
    };
    const sign = await signText(canonicalString(signed as Record<string, RawJsonValue>), merchantPrivateKey);
    const read = readEnvelope(JSON.stringify({ ...fields, data, sign }));
    expect(read.fields.data?.type).toBe('object');

    expect(() => {
      (read.fields as Record<string, unknown>).sign = { type: 'string', text: 'forged', value: 'forged' };
    }).toThrow(TypeError);
    expect(() => {
      (read.fields.server_type as { text: string }).text = 'forged';
    }).toThrow(TypeError);
    // A value changed after reading is not what openRequest hands back: it answers with what was signed.
    (read.fields.data!.value as Record<string, unknown>).order_id = 'changed after reading';
    const opened = await openRequest(read, openOptions);
    expect(opened.data).toEqual({ order_id: 'ET1' });
  });

  it('takes only a reading made by readEnvelope: an object shaped like one is read as an ordinary body', async () => {
    const read = readEnvelope(await sealed({ order_id: 'ET1' }));
    const lookalike = { text: read.text, fields: { ...read.fields } };
    await expect(openRequest(lookalike, openOptions)).rejects.toMatchObject({ code: 'MALFORMED_ENVELOPE' });
  });

  it('reads under the limits openRequest applies to text', () => {
    const body = (count: number) => `{${Array.from({ length: count }, (_, i) => `"f${i}":"x"`).join(',')}}`;
    expect(Object.keys(readEnvelope(body(64)).fields)).toHaveLength(64);
    expect(() => readEnvelope(body(65))).toThrow(expect.objectContaining({ code: 'MALFORMED_JSON' }));
    expect(() => readEnvelope('{"a":"1","a":"2"}')).toThrow(expect.objectContaining({ code: 'MALFORMED_JSON' }));
    expect(() => readEnvelope('[1]')).toThrow(expect.objectContaining({ code: 'MALFORMED_JSON' }));
    expect(() => readEnvelope(42 as unknown as string)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
