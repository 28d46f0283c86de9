import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  aesDecrypt,
  aesEncrypt,
  base64Decode,
  canonicalString,
  constantTimeEqual,
  createSerialNumber,
  decryptAesKey,
  hexEncode,
  importPrivateKey,
  importPublicKey,
  isEtkitCryptoError,
  notificationSigningString,
  openRequest,
  openResponse,
  parseJsonLossless,
  parseRawJsonObject,
  type RsaPrivateKey,
  type RsaPublicKey,
  sealRequest,
  sealResponse,
  signText,
  verifyNotification,
} from '../src/index.js';
import { vectors } from './vectors/vectors.js';

// Property tests. RSA work dominates their run time, so the RSA-heavy properties use the 1024-bit vector
// keys and small numRuns; the pure parsers get many runs.

let merchantPrivateKey: RsaPrivateKey;
let merchantPublicKey: RsaPublicKey;
let etPrivateKey: RsaPrivateKey;
let etPublicKey: RsaPublicKey;
beforeAll(async () => {
  merchantPrivateKey = await importPrivateKey(vectors.keys.merchant_1024.private_pkcs8_pem);
  merchantPublicKey = await importPublicKey(vectors.keys.merchant_1024.public_spki_pem);
  etPrivateKey = await importPrivateKey(vectors.keys.et_1024.private_pkcs8_pem);
  etPublicKey = await importPublicKey(vectors.keys.et_1024.public_spki_pem);
});

const keyWraps = ['rsa-pkcs1-v1_5', 'rsa-oaep-sha256', 'rsa-oaep-sha1'] as const;
const baseFields = { server_type: 'add_special_rent_order', merchant_number: 'ET82009', sub_merchant_number: 'S1' };

/** Text with CJK, astral characters (emoji), escapes and ASCII. */
const unicodeText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('测', '试', '房', '租', '😀', '𠀀', '"', '\\', '\n', '\u2028', 'é'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});
/** JSON values whose numbers survive a round trip (integers and short decimals). */
const payloadValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    unicodeText,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(unicodeText, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const sensitiveObject = fc.oneof(
  fc.dictionary(unicodeText, payloadValue, { maxKeys: 6 }),
  fc.constant({}),
  fc.constant({ large: '测试😀x'.repeat(20_000) }), // ~100 KB of UTF-8
);
const sensitiveList = fc.oneof(
  fc.array(fc.dictionary(unicodeText, payloadValue, { maxKeys: 4 }), { maxLength: 4 }),
  fc.constant([] as unknown[]),
  fc.constant([{ large: '测试😀x'.repeat(20_000) }] as unknown[]),
);

function expectTypedError(error: unknown): void {
  if (!isEtkitCryptoError(error)) throw new Error(`untyped error: ${String(error)}`);
}

describe('seal → open round trips', () => {
  it.each(keyWraps)('request, keyWrap %s', async (keyWrap) => {
    await fc.assert(
      fc.asyncProperty(sensitiveObject, unicodeText, async (sensitive, returnInfo) => {
        const envelope = await sealRequest(
          { ...baseFields, return_info: returnInfo, data: { note: returnInfo } },
          { sensitive, merchantPrivateKey, etPublicKey, profile: { keyWrap } },
        );
        const opened = await openRequest(JSON.stringify(envelope), {
          merchantPublicKey,
          etPrivateKey,
          profile: { keyWrap },
        });
        expect(opened.sensitive).toEqual(sensitive);
        expect(opened.data).toEqual({ note: returnInfo });
        expect(opened.fields.return_info).toBe(returnInfo);
      }),
      { numRuns: 8 },
    );
  });

  it.each(keyWraps)('response, keyWrap %s', async (keyWrap) => {
    await fc.assert(
      fc.asyncProperty(sensitiveList, unicodeText, async (sensitive, message) => {
        const envelope = await sealResponse(
          { message, data: [{ pay_url: message }] },
          { sensitive, etPrivateKey, merchantPublicKey, profile: { keyWrap } },
        );
        const opened = await openResponse(JSON.stringify(envelope), {
          etPublicKey,
          merchantPrivateKey,
          profile: { keyWrap },
        });
        expect(opened.sensitive).toEqual(sensitive);
        expect(opened.message).toBe(message);
        expect(opened.data).toEqual([{ pay_url: message }]);
        expect(opened.count).toBe(1); // the items in data (PROTOCOL.md §3)
      }),
      { numRuns: 8 },
    );
  });
});

describe('tampering', () => {
  it('any single-character change of the JSON text of a sealed request is rejected with a typed error', async () => {
    const envelope = await sealRequest(
      { ...baseFields, return_info: 'r-1' },
      { sensitive: { name_ch: '测试', n: 130 }, merchantPrivateKey, etPublicKey },
    );
    const text = JSON.stringify(envelope);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: text.length - 1 }),
        fc.integer({ min: 0x20, max: 0x7e }),
        async (position, code) => {
          fc.pre(text.charCodeAt(position) !== code);
          const changed = text.slice(0, position) + String.fromCharCode(code) + text.slice(position + 1);
          const error = await openRequest(changed, { merchantPublicKey, etPrivateKey }).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeDefined();
          expectTypedError(error);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('any single-byte change of any field of a sealed response is rejected with a typed error', async () => {
    const envelope = await sealResponse(
      { return_info: 'r-1', data: [{ a: 1 }] },
      { sensitive: [{ tuition: '9000.00' }], etPrivateKey, merchantPublicKey },
    );
    const names = Object.keys(envelope) as Array<keyof typeof envelope>;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.nat(), fc.integer({ min: 1, max: 255 }), async (name, at, xor) => {
        const tampered: Record<string, unknown> = { ...envelope };
        const value = envelope[name];
        if (typeof value === 'number') tampered[name] = value ^ xor;
        else {
          const bytes = new TextEncoder().encode(value);
          if (bytes.length === 0) tampered[name] = String.fromCharCode(xor);
          else {
            bytes[at % bytes.length]! ^= xor;
            tampered[name] = new TextDecoder().decode(bytes);
          }
        }
        fc.pre(tampered[name] !== value);
        const error = await openResponse(tampered, { etPublicKey, merchantPrivateKey }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeDefined();
        expectTypedError(error);
      }),
      { numRuns: 150 },
    );
  });
});

describe('garbage in, only EtkitCryptoError out', () => {
  const anything = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.uint8Array({ maxLength: 300 }),
    fc.anything(),
    fc.json(),
  );
  const envelopeLike = fc.record(
    {
      serial_number: fc.oneof(fc.string(), fc.anything()),
      merchant_number: fc.oneof(fc.string(), fc.integer()),
      sub_merchant_number: fc.string(),
      server_type: fc.string(),
      version: fc.oneof(fc.string(), fc.constant(null)),
      callback_process: fc.oneof(fc.integer(), fc.string()),
      status_code: fc.oneof(fc.constant('000000'), fc.constant('200003'), fc.anything()),
      message: fc.anything(),
      count: fc.oneof(fc.integer(), fc.double(), fc.string()),
      data: fc.oneof(fc.json(), fc.anything()),
      sensitive_data: fc.oneof(fc.base64String(), fc.string()),
      aeskey: fc.oneof(fc.base64String(), fc.string()),
      sign: fc.oneof(fc.base64String({ minLength: 172, maxLength: 172 }), fc.string(), fc.anything()),
      return_info: fc.anything(),
    },
    { requiredKeys: [] },
  );

  async function onlyTyped(run: () => unknown): Promise<void> {
    try {
      await run();
    } catch (error) {
      expectTypedError(error);
    }
  }

  it('parsers, decoders and canonical strings', async () => {
    await fc.assert(
      fc.asyncProperty(anything, async (input) => {
        await onlyTyped(() => parseJsonLossless(input as string));
        await onlyTyped(() => parseRawJsonObject(input as string));
        await onlyTyped(() => base64Decode(input as string));
        await onlyTyped(() => canonicalString(input as Record<string, string>));
        await onlyTyped(() => notificationSigningString(input as Record<string, string>, 'salt'));
        await onlyTyped(() => verifyNotification(input as Record<string, string>, 'salt'));
        await onlyTyped(() => aesDecrypt('A1b2C3d4E5f6G7h8', input as string));
      }),
      { numRuns: 300 },
    );
  });

  it('byte helpers, single-step primitives and the serial number', async () => {
    const key = 'A1b2C3d4E5f6G7h8';
    await fc.assert(
      fc.asyncProperty(anything, async (input) => {
        await onlyTyped(() => hexEncode(input as Uint8Array));
        await onlyTyped(() => constantTimeEqual(input as Uint8Array, new Uint8Array(2)));
        await onlyTyped(() => constantTimeEqual(new Uint8Array(2), input as Uint8Array));
        await onlyTyped(() => aesEncrypt(key, input as string));
        await onlyTyped(() => aesEncrypt(input as string, 'text'));
        await onlyTyped(() => signText(input as string, merchantPrivateKey));
        await onlyTyped(() => createSerialNumber('ET82009', input as never));
      }),
      { numRuns: 200 },
    );
  });

  it('key importers', async () => {
    await fc.assert(
      fc.asyncProperty(anything, async (input) => {
        await onlyTyped(() => importPrivateKey(input as string));
        await onlyTyped(() => importPublicKey(input as string));
      }),
      { numRuns: 200 },
    );
  });

  it('sealers, with garbage fields and options', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anything, envelopeLike), fc.anything(), async (fields, extra) => {
        const options = { merchantPrivateKey, etPublicKey, etPrivateKey, merchantPublicKey };
        await onlyTyped(() => sealRequest(fields as never, options));
        await onlyTyped(() => sealResponse(fields as never, options));
        await onlyTyped(() =>
          sealRequest({ ...baseFields, ...(fields as object) }, { ...options, sensitive: extra as object }),
        );
        await onlyTyped(() => sealResponse({}, { ...options, sensitive: extra as unknown[], profile: extra as never }));
        await onlyTyped(() => sealRequest(baseFields, extra as never));
        await onlyTyped(() => openResponse('{}', extra as never));
      }),
      { numRuns: 100 },
    );
  });

  it('openers and key unwrapping', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anything,
          envelopeLike,
          envelopeLike.map((e) => JSON.stringify(e)),
        ),
        async (input) => {
          await onlyTyped(() => openRequest(input as string, { merchantPublicKey, etPrivateKey }));
          await onlyTyped(() => openResponse(input as string, { etPublicKey, merchantPrivateKey }));
          await onlyTyped(() => decryptAesKey(input as string, merchantPrivateKey));
        },
      ),
      { numRuns: 200 },
    );
  });
});
