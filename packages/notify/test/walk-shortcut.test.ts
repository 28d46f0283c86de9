import type { NotificationRule } from '@etkit/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NotificationError } from '../src/errors.js';
import { utf8Bytes } from '../src/idempotency-key.js';
import { canFoldIntoFreeText } from '../src/reading/fold-into-free-text.js';
import { classifyByWalk, classifySingleReading } from '../src/reading/single-reading.js';
import { sampleFields } from '../src/testing.js';

// classifySingleReading skips the walk over the cuts when no value holds `&` and no free-text field can swallow
// the field after it. These properties show the skip decides exactly as the full check (the walk) would, and
// that the one-pass test for "can swallow" is the sorted definition it replaced.

const FREE_TEXT = ['extend_info', 'remittance_voucher_url'];
const documented = [
  'datetime',
  'extend_info',
  'notify_type',
  'order_id',
  'order_status',
  'pay_amount',
  'pay_currency_code',
  'pay_datetime',
  'pay_result',
  'refund_amount',
  'refund_datetime',
  'refund_order_id',
  'refund_result',
  'remittance_voucher_url',
];
/** Names just before and after each documented one, and names around the free-text ones in particular. */
const neighbours = documented.flatMap((name) => [name.slice(0, -1), `${name}_x`, `${name}0`]);
const fieldName = fc.oneof(
  fc.constantFrom(...documented),
  fc.constantFrom(...neighbours, 'a', 'z', 'Z', '_', 'order', 'order_ie', 'order_if', 'sign', 'signs'),
  fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/),
);

/** The definition canFoldIntoFreeText replaced: sort (v2) or keep the order received (v1), look at each pair. */
function foldsBySorting(fields: Record<string, string>, rule: NotificationRule): boolean {
  const names = Object.keys(fields).filter((name) => name !== 'sign');
  if (rule === 'v2') names.sort();
  for (let i = 0; i + 1 < names.length; i++) {
    if (FREE_TEXT.includes(names[i]!) && names[i + 1] !== 'order_id') return true;
  }
  return false;
}

/** Values dense in what matters to the cuts: `&`, `=`, `%`, `&name=` boundaries, empty text, non-ASCII. */
const value = fc.oneof(
  fc.constantFrom('', '1', '0', '10000.00', 'RMB', '2026-11-28 10:00:00', 'ET2026112800000001', 'order_status_change'),
  fc.string({ unit: fc.constantFrom('a', '=', '%', '2', '6', ' ', '+', '学', '_', 'x'), maxLength: 6 }),
  fc.constantFrom('&', '&order_id=ET1', 'a&pay_result=1', '%26', '=&=', '&sign=x', 'x&&y'),
);

/** Any fields: a documented kind's, with some dropped, some added, some values replaced; any order (for v1). */
const anyFields = fc
  .tuple(
    fc.constantFrom('payment_result', 'order_status_change', 'remittance_voucher', 'refund_result') as fc.Arbitrary<
      Parameters<typeof sampleFields>[0]
    >,
    fc.dictionary(fieldName, value, { maxKeys: 6 }),
    fc.subarray(documented),
    fc.boolean(),
  )
  .map(([kind, added, dropped, shuffle]) => {
    const merged: Record<string, string> = { ...sampleFields(kind), ...added };
    for (const name of dropped.slice(0, 2)) delete merged[name];
    const names = Object.keys(merged);
    if (shuffle) names.reverse();
    const fields: Record<string, string> = Object.create(null);
    for (const name of names) fields[name] = merged[name]!;
    return fields;
  });

const rules: NotificationRule[] = ['v2', 'v1'];

/** What a classification decides: the classified fields, or the error's code, message and kept data. */
function outcome(classify: () => unknown): unknown {
  try {
    return { classified: classify() };
  } catch (error) {
    if (!(error instanceof NotificationError)) throw error;
    return { code: error.code, message: error.message, verified: error.verified, ambiguous: error.ambiguous };
  }
}

const keepBody = () => ({ body: 'kept', contentType: 'text/plain' });

describe('the shortcut past the walk over the cuts', () => {
  it.each(rules)('canFoldIntoFreeText (one pass) agrees with the sorted definition under %s', (rule) => {
    fc.assert(
      fc.property(fc.oneof(anyFields, fc.dictionary(fieldName, value, { maxKeys: 10 })), (fields) => {
        expect(canFoldIntoFreeText(fields, rule)).toBe(foldsBySorting(fields, rule));
      }),
      { numRuns: 3_000 },
    );
  });

  it.each(rules)('decides as the full walk whenever it may be taken (no & in a value) under %s', (rule) => {
    let skipped = 0;
    let walked = 0;
    fc.assert(
      fc.property(anyFields, (raw) => {
        // The shortcut can only apply to these: an & in a value always walks (or is refused before).
        const fields: Record<string, string> = Object.create(null);
        for (const name of Object.keys(raw)) fields[name] = raw[name]!.replaceAll('&', '%26');
        const fast = outcome(() => classifySingleReading(fields, rule, keepBody));
        const names = Object.keys(fields).filter((name) => name !== 'sign');
        // A name outside the field-name characters is refused before either path: nothing to compare.
        if (!names.every((name) => /^[A-Za-z0-9_]+$/.test(name))) return;
        if (canFoldIntoFreeText(fields, rule)) walked++;
        else skipped++;
        expect(fast).toEqual(outcome(() => classifyByWalk(fields, rule, keepBody)));
      }),
      { numRuns: 3_000 },
    );
    // Both sides of the decision were exercised.
    expect(skipped).toBeGreaterThan(100);
    expect(walked).toBeGreaterThan(100);
  });

  it('decides as the full walk on every documented kind as ET sends it, free text empty, plain or absent', () => {
    const kinds = ['payment_result', 'order_status_change', 'remittance_voucher', 'refund_result'] as const;
    for (const rule of rules) {
      for (const kind of kinds) {
        // A status change carries no extend_info (one after notify_type would make it another kind's reading).
        const texts = kind === 'order_status_change' ? [undefined] : [undefined, '', 'note 学 = 50%', 'https://x/?a=1'];
        for (const extendInfo of texts) {
          const fields: Record<string, string> = { ...sampleFields(kind) };
          if (extendInfo === undefined) delete fields['extend_info'];
          else fields['extend_info'] = extendInfo;
          const fast = outcome(() => classifySingleReading(fields, rule, keepBody));
          // Sorted, each opens; under v1 the order received decides (sampleFields' order may let free text fold).
          if (rule === 'v2') expect(fast).toMatchObject({ classified: { kind } });
          expect(fast).toEqual(outcome(() => classifyByWalk(fields, rule, keepBody)));
        }
      }
    }
  });
});

describe('utf8Bytes (the idempotency key hashes these)', () => {
  const encoder = new TextEncoder();
  it('gives TextEncoder#encode bytes for any text, short or past its scratch buffer', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 })),
        fc.nat(5_000),
        (text, padding) => {
          const long = 'a'.repeat(padding) + text;
          for (const sample of [text, long]) {
            expect(Array.from(utf8Bytes(sample))).toEqual(Array.from(encoder.encode(sample)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
