import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notificationSigningString, parseRawJsonObject, signNotification, verifyNotification } from '../src/index.js';
import { vectors } from './vectors/vectors.js';

/** A notification body as a receiver would turn it into wire-text fields. */
function bodyFields(contentType: string, body: string): Record<string, string> {
  if (contentType === 'application/json') {
    const raw = parseRawJsonObject(body);
    return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, value.text]));
  }
  if (contentType === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(body));
  throw new Error(`unexpected content type ${contentType}`);
}

describe('notification MD5 signature (PROTOCOL.md §8)', () => {
  const { salt, fields, string_to_hash, sign } = vectors.notification_md5;

  it('builds the documented signing string and sign (vector notification_md5)', () => {
    expect(notificationSigningString(fields, salt)).toBe(string_to_hash);
    expect(signNotification(fields, salt)).toBe(sign);
    expect(signNotification({ ...fields, sign: 'ignored' }, salt)).toBe(sign);
    expect(verifyNotification({ ...fields, sign }, salt)).toBe(true);
    expect(verifyNotification({ ...fields, sign: sign.toUpperCase() }, salt)).toBe(true);
  });

  it('rejects a missing, malformed or wrong sign, a wrong salt, and any changed value', () => {
    expect(verifyNotification(fields, salt)).toBe(false);
    expect(verifyNotification({ ...fields, sign: `${sign}0` }, salt)).toBe(false);
    expect(verifyNotification({ ...fields, sign: sign.replace(/.$/, 'x') }, salt)).toBe(false);
    expect(verifyNotification({ ...fields, sign }, `${salt}x`)).toBe(false);
    expect(verifyNotification({ ...fields, pay_amount: '10000.0', sign }, salt)).toBe(false);
    expect(verifyNotification({ ...fields, extra: '', sign }, salt)).toBe(false);
  });

  // With an empty salt the MD5 is computable by anyone: a missing secret (an unset environment variable read as
  // '') must fail loudly, not verify forged notifications.
  it('refuses an empty salt with INVALID_ARGUMENT instead of signing or verifying without a secret', () => {
    const forged = createHash('md5').update(notificationSigningString(fields, 'x').slice(1), 'utf8').digest('hex');
    const invalid = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
    expect(() => verifyNotification({ ...fields, sign: forged }, '')).toThrowError(invalid);
    expect(() => signNotification(fields, '')).toThrowError(invalid);
    expect(() => notificationSigningString(fields, '')).toThrowError(invalid);
  });

  it('v1 keeps the given field order; v2 sorts', () => {
    const unsorted = { b: '2', a: '1' };
    expect(notificationSigningString(unsorted, 's', 'v1')).toBe('sb=2&a=1');
    expect(notificationSigningString(unsorted, 's', 'v2')).toBe('sa=1&b=2');
    const sign = signNotification(unsorted, 's', { rule: 'v1' });
    expect(sign).toBe(createHash('md5').update('sb=2&a=1').digest('hex'));
    expect(verifyNotification({ ...unsorted, sign }, 's', { rule: 'v1' })).toBe(true);
    expect(verifyNotification({ ...unsorted, sign }, 's')).toBe(false);
  });

  it('agrees with node:crypto MD5 for random fields', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ minLength: 1 }).filter((k) => k !== 'sign'),
          fc.string({ unit: 'grapheme' }),
        ),
        fc.string({ minLength: 1 }), // an empty salt is refused (below)
        (fields, salt) => {
          const text = notificationSigningString(fields, salt);
          const expected = createHash('md5').update(text, 'utf8').digest('hex');
          expect(signNotification(fields, salt)).toBe(expected);
          expect(verifyNotification({ ...fields, sign: expected }, salt)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('signs a field named __proto__ like any other (regression: found by the property above)', () => {
    const fields = JSON.parse('{"__proto__": "x", "a": "1"}') as Record<string, string>;
    expect(notificationSigningString(fields, 's')).toBe('s__proto__=x&a=1');
    const sign = signNotification(fields, 's');
    expect(sign).toBe(createHash('md5').update('s__proto__=x&a=1').digest('hex'));
    expect(verifyNotification({ ...fields, sign }, 's')).toBe(true);
  });

  it('rejects non-string field values and an unknown rule with INVALID_ARGUMENT', () => {
    const invalid = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
    expect(() => notificationSigningString({ a: 1 as unknown as string }, 's')).toThrowError(invalid);
    expect(() => notificationSigningString({ a: '1' }, 's', 'v3' as 'v2')).toThrowError(invalid);
    expect(() => signNotification({ a: Number.NaN }, 's')).toThrowError(invalid);
  });

  describe('vectors notifications.cases', () => {
    const { salt, cases } = vectors.notifications;
    it.each(cases.map((c, i) => [i, c.kind, c.content_type, c.valid, c] as const))(
      'case %i (%s, %s) verifies: %s',
      (_i, _kind, contentType, valid, c) => {
        const fields = bodyFields(contentType, c.body);
        expect(verifyNotification(fields, salt)).toBe(valid);
        if (c.ack) {
          expect(signNotification({ order_id: c.ack.order_id, notify_result: c.ack.notify_result }, salt)).toBe(
            c.ack.sign,
          );
          expect(verifyNotification(c.ack, salt)).toBe(true);
        }
      },
    );

    it('the JSON number 10000.00 is signed as its text', () => {
      const fields = bodyFields('application/json', cases[1]!.body);
      expect(fields.pay_amount).toBe('10000.00');
      expect(fields.pay_result).toBe('1');
    });
  });
});
