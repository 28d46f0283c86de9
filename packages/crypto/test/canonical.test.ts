import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalString, parseRawJsonObject } from '../src/index.js';
import { vectors } from './vectors/vectors.js';

describe('canonicalString (PROTOCOL.md §5.3)', () => {
  it('sorts by code point, drops sign and null/undefined, keeps empty strings', () => {
    expect(canonicalString({ b: '2', sign: 'x', a: 1, c: '', d: null, e: undefined, f: true })).toBe(
      'a=1&b=2&c=&f=true',
    );
  });

  it("drop-empty leaves out ''", () => {
    expect(canonicalString({ b: '2', c: '', a: 1 }, { form: 'drop-empty' })).toBe('a=1&b=2');
  });

  it('writes RawJsonValue wire text: numbers, objects and arrays exactly as received', () => {
    const raw = parseRawJsonObject('{"amount": 10000.00, "data": {"x": [1, 2]}, "n": null, "s": "a&b"}');
    expect(canonicalString(raw)).toBe('amount=10000.00&data={"x": [1, 2]}&s=a&b');
  });

  it('orders by code point, not UTF-16 code unit', () => {
    expect(canonicalString({ '\u{1F600}': '1', '\uFF21': '2' })).toBe('\uFF21=2&\u{1F600}=1');
  });

  it('rebuilds the string_to_sign of every signed vector envelope from its parsed wire text', () => {
    for (const entry of [vectors.sealed_request, vectors.sealed_response_plain, vectors.sealed_response_encrypted]) {
      expect(canonicalString(parseRawJsonObject(JSON.stringify(entry.envelope)))).toBe(entry.string_to_sign);
      expect(canonicalString(entry.envelope)).toBe(entry.string_to_sign);
    }
  });

  it('rejects non-finite numbers and objects with INVALID_ARGUMENT', () => {
    const invalid = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
    expect(() => canonicalString({ a: Number.POSITIVE_INFINITY })).toThrowError(invalid);
    expect(() => canonicalString({ a: {} as unknown as string })).toThrowError(invalid);
  });

  it('is independent of the insertion order of fields', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string()), (fields) => {
        const reversed = Object.fromEntries(Object.entries(fields).reverse());
        expect(canonicalString(reversed)).toBe(canonicalString(fields));
      }),
    );
  });
});
