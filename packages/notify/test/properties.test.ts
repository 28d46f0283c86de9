import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readEtDateTime } from '../src/field-types.js';
import { createDeliveryProcessor, createNotificationVerifier, NotificationError } from '../src/index.js';
import { buildNotification, type NotificationEncoding, reformatDecimal } from '../src/testing.js';

const salt = 'property-salt';
const verifier = createNotificationVerifier({ salt });
const encodings: NotificationEncoding[] = ['json', 'form', 'multipart'];

// Field names that no known kind reads, so any set of them classifies as `unknown` and only the signature decides.
const fieldName = fc.stringMatching(/^x_[a-z0-9_]{1,10}$/);
// Any Unicode text, and text dense in the characters each encoding escapes. Multipart values avoid CR and LF,
// which the multipart format may normalise.
const specialCharacter = fc.constantFrom(
  ' ',
  '+',
  '&',
  '=',
  '%',
  '%2B',
  '"',
  '\\',
  '\r',
  '\n',
  '学',
  'a',
  '0',
  '.',
  '{',
  ';',
);
const anyValue = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: specialCharacter, maxLength: 20 }),
);
const fieldsArb = fc.dictionary(fieldName, anyValue, { minKeys: 1, maxKeys: 8 });
const decimalText = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.option(fc.stringMatching(/^[0-9]{1,4}$/), { nil: undefined }))
  .map(([whole, fraction]) => (fraction === undefined ? `${whole}` : `${whole}.${fraction}`));

const forEncoding = (encoding: NotificationEncoding, value: string) =>
  encoding === 'multipart' ? value.replace(/[\r\n]/g, '') : value;

describe('properties', () => {
  // These fields have no order_id and no free-text field, so an `&` in any value could only be a re-cut's
  // (README, Security): such a notification is refused as AMBIGUOUS; every other one opens intact.
  it('a correctly signed notification verifies in every encoding and keeps every value as sent, unless a value holds &', async () => {
    await fc.assert(
      fc.asyncProperty(fieldsArb, fc.constantFrom(...encodings), async (raw, encoding) => {
        const fields = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, forEncoding(encoding, v)]));
        const built = buildNotification({ salt, kind: undefined, fields, encoding });
        if (Object.values(fields).some((value) => value.includes('&'))) {
          await expect(verifier.open(built)).rejects.toMatchObject({ code: 'AMBIGUOUS' });
          return;
        }
        const notification = await verifier.open(built);
        expect({ ...notification.raw }).toEqual(built.fields);
      }),
      { numRuns: 300 },
    );
  });

  it('changing, removing or adding any one field after signing, in any encoding, fails verification', async () => {
    await fc.assert(
      fc.asyncProperty(
        fieldsArb,
        fc.nat(),
        fc.constantFrom('change', 'remove', 'add'),
        anyValue,
        fieldName,
        fc.constantFrom(...encodings),
        async (raw, pick, operation, newValue, newName, encoding) => {
          const fields = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, forEncoding(encoding, v)]));
          const names = Object.keys(fields);
          const existing = names[pick % names.length]!;
          const value = forEncoding(encoding, newValue);
          if (operation === 'change') fc.pre(value !== fields[existing]);
          if (operation === 'remove') fc.pre(names.length > 1);
          if (operation === 'add') fc.pre(!(newName in fields));
          const tamper =
            operation === 'change'
              ? { field: existing, value }
              : operation === 'remove'
                ? { field: existing, value: undefined }
                : { field: newName, value };
          const built = buildNotification({ salt, kind: undefined, fields, encoding, tamper });
          await expect(verifier.open(built)).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('re-formatting an amount (same number, other text) fails verification, JSON numbers included', async () => {
    await fc.assert(
      fc.asyncProperty(
        decimalText,
        fc.constantFrom('payment_result', 'refund_result') as fc.Arbitrary<'payment_result' | 'refund_result'>,
        fc.constantFrom(...encodings),
        fc.boolean(),
        async (amount, kind, encoding, jsonNumbers) => {
          const field = kind === 'payment_result' ? 'pay_amount' : 'refund_amount';
          expect(Number(reformatDecimal(amount))).toBe(Number(amount)); // same value, different text
          const options = { salt, kind, encoding, jsonNumbers, fields: { [field]: amount } };
          await expect(verifier.open(buildNotification(options))).resolves.toMatchObject({ kind });
          const reformatted = buildNotification({ ...options, tamper: 'reformat-amount' });
          await expect(verifier.open(reformatted)).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
        },
      ),
      { numRuns: 300 },
    );
  });

  const contentTypes = fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'multipart/form-data; boundary="----etkit-notify-boundary-7MA4YWxkTrZu0gW"',
      'multipart/form-data',
      'application/json; charset=latin1',
      'text/plain',
      '',
    ),
    fc.string({ maxLength: 40 }),
    fc.constant(undefined),
  );
  const garbageBody = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.uint8Array({ maxLength: 200 }),
    fc.json().map((json) => json),
    fc
      .dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }))
      .map((d) => new URLSearchParams(d).toString()),
    fc
      .array(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), { maxLength: 5 })
      .map(
        (parts) =>
          `${parts.map(([n, v]) => `--x\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`).join('')}--x--\r\n`,
      ),
    fc.anything(),
  );

  it('garbage of any content type is refused with a coded NotificationError, never another exception', async () => {
    await fc.assert(
      fc.asyncProperty(garbageBody, contentTypes, async (body, contentType) => {
        let outcome: unknown;
        try {
          outcome = await verifier.open({ body: body as string, contentType });
        } catch (error) {
          expect(error).toBeInstanceOf(NotificationError);
          expect([
            'SIGN_MISSING',
            'SIGNATURE_INVALID',
            'BODY_NOT_RAW',
            'UNSUPPORTED_CONTENT_TYPE',
            'MALFORMED',
          ]).toContain((error as NotificationError).code);
          return;
        }
        throw new Error(`garbage was accepted: ${JSON.stringify(outcome)}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('the delivery flow answers garbage with a coded non-OK HTTP answer and never calls the handler', async () => {
    let handled = 0;
    const processDelivery = createDeliveryProcessor({
      salt,
      maxBodyBytes: 150,
      onNotification: () => {
        handled++;
      },
      onError: () => {},
    });
    const statusByCode: Record<string, number> = {
      SIGN_MISSING: 400,
      SIGNATURE_INVALID: 400,
      MALFORMED: 400,
      UNSUPPORTED_CONTENT_TYPE: 415,
      BODY_TOO_LARGE: 413,
      BODY_NOT_RAW: 500,
    };
    await fc.assert(
      fc.asyncProperty(garbageBody, contentTypes, async (body, contentType) => {
        const answer = await processDelivery({
          method: 'POST',
          contentType,
          readBody: async () => body as string,
        });
        const parsed = JSON.parse(answer.body) as { notify_result: string; code: string };
        expect(parsed.notify_result).toBe('FAIL');
        expect(answer.status).toBe(statusByCode[parsed.code]);
      }),
      { numRuns: 500 },
    );
    expect(handled).toBe(0);
  });

  it('reads every valid Beijing time back to its instant, and refuses every impossible one', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T15:59:59Z'), noInvalidDate: true }),
        (date) => {
          const instant = new Date(Math.floor(date.getTime() / 1000) * 1000);
          const beijing = new Date(instant.getTime() + 8 * 3_600_000);
          const text = `${pad(beijing.getUTCFullYear(), 4)}-${pad(beijing.getUTCMonth() + 1)}-${pad(beijing.getUTCDate())} ${pad(beijing.getUTCHours())}:${pad(beijing.getUTCMinutes())}:${pad(beijing.getUTCSeconds())}`;
          expect(readEtDateTime(text, 't').instant.getTime()).toBe(instant.getTime());
        },
      ),
      { numRuns: 500 },
    );
    // Any 19-character text shaped like a time but with out-of-range parts is refused; the reference is a Date round trip.
    const part = (width: number, max: number) =>
      fc.oneof(fc.integer({ min: 0, max }), fc.integer({ min: 0, max: 10 ** width - 1 })).map((n) => pad(n, width));
    fc.assert(
      fc.property(
        part(4, 2100),
        part(2, 13),
        part(2, 32),
        part(2, 24),
        part(2, 60),
        part(2, 60),
        (y, mo, d, h, mi, se) => {
          const text = `${y}-${mo}-${d} ${h}:${mi}:${se}`;
          const utc = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +se));
          const real =
            +y >= 1000 &&
            utc.getUTCFullYear() === +y &&
            utc.getUTCMonth() === +mo - 1 &&
            utc.getUTCDate() === +d &&
            utc.getUTCHours() === +h &&
            utc.getUTCMinutes() === +mi &&
            utc.getUTCSeconds() === +se;
          if (real) expect(readEtDateTime(text, 't').text).toBe(text);
          else expect(() => readEtDateTime(text, 't')).toThrow(NotificationError);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
