import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEtkitCryptoError, parseJsonLossless, parseRawJsonObject } from '../src/index.js';
import { MAY_HOLD_INEXACT_NUMBER, numbersRoundTrip } from '../src/raw-json.js';

const malformed = expect.objectContaining({ code: 'MALFORMED_JSON' });

describe('parseRawJsonObject', () => {
  it('keeps the exact wire text of every top-level value', () => {
    const fields = parseRawJsonObject(
      '{"a": 10000.00, "b":"x\\u4e2d\\n", "c" : 130,"d":true,"e":null,"f":[1, 2.50],"g":{"h": 1e3},"i":-0,"j":12345678901234567890}',
    );
    expect(fields.a).toEqual({ type: 'number', text: '10000.00', value: '10000.00' });
    expect(fields.b).toEqual({ type: 'string', text: 'x中\n', value: 'x中\n' });
    expect(fields.c).toEqual({ type: 'number', text: '130', value: 130 });
    expect(fields.d).toEqual({ type: 'boolean', text: 'true', value: true });
    expect(fields.e).toEqual({ type: 'null', text: '', value: null });
    expect(fields.f).toEqual({ type: 'array', text: '[1, 2.50]', value: [1, '2.50'] });
    expect(fields.g).toEqual({ type: 'object', text: '{"h": 1e3}', value: { h: '1e3' } });
    expect(fields.i).toEqual({ type: 'number', text: '-0', value: '-0' });
    expect(fields.j).toEqual({ type: 'number', text: '12345678901234567890', value: '12345678901234567890' });
  });

  it('keeps __proto__ as an own member, not a prototype', () => {
    const fields = parseRawJsonObject('{"__proto__": {"polluted": 1}}');
    expect(Object.keys(fields)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const value = parseJsonLossless('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
  });

  it.each([
    '',
    '[]',
    '"x"',
    '1',
    'null',
    '{',
    '{"a"}',
    '{"a":}',
    '{"a":1,}',
    '{"a":1 "b":2}',
    "{'a':1}",
    '{"a":01}',
    '{"a":1.}',
    '{"a":.5}',
    '{"a":+1}',
    '{"a":NaN}',
    '{"a":"\t"}',
    '{"a":"\\x"}',
    '{"a":"\\u12"}',
    '{"a":tru}',
    '{"a":1}x',
    '{"a":1,"a":2}',
    '\u00a0{}',
    '{"a":1}\u2028',
  ])('rejects %j with MALFORMED_JSON', (text) => {
    expect(() => parseRawJsonObject(text)).toThrowError(malformed);
  });

  it('rejects deep nesting with MALFORMED_JSON instead of overflowing the stack', () => {
    expect(() => parseJsonLossless('['.repeat(100_000))).toThrowError(malformed);
  });
});

describe('parseJsonLossless', () => {
  it('agrees with JSON.parse wherever numbers survive a round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (value) => {
        const text = JSON.stringify(value);
        expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
        expect(parseJsonLossless(JSON.stringify(value, null, 2))).toEqual(JSON.parse(text));
      }),
    );
  });

  it('nested duplicate member names: the last wins, as with JSON.parse, on both the fast and the exact path', () => {
    expect(parseJsonLossless('{"a":1,"a":2}')).toEqual({ a: 2 });
    expect(parseJsonLossless('{"a":1.50,"a":2}')).toEqual({ a: 2 });
    expect(parseRawJsonObject('{"x":{"a":1,"a":2}}').x!.value).toEqual({ a: 2 });
  });

  it('takes the exact path only when a number would change, whatever strings contain', () => {
    expect(parseJsonLossless('{"t":"2026-11-28 10:00:00","n":[1,2.5,-3e-7]}')).toEqual({
      t: '2026-11-28 10:00:00',
      n: [1, 2.5, -3e-7],
    });
    expect(parseJsonLossless('{"t":"\\"1.50\\"","n":1.50}')).toEqual({ t: '"1.50"', n: '1.50' });
    expect(parseJsonLossless('{"big":"x'.concat('y'.repeat(200_000), '","n":10.0}'))).toMatchObject({ n: '10.0' });
  });

  it('the quick search for inexact numbers never lets one through to JSON.parse', () => {
    // Number tokens as they may be written, lossy ones included, placed wherever JSON allows a value.
    const token = fc.oneof(
      fc.integer().map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
      fc.constantFrom('-0', '0.0', '10000.00', '1e3', '1E+3', '-2.50e-7', '12345678901234567890', '9007199254740993'),
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
    );
    const whitespace = fc.constantFrom('', ' ', '\n  ', '\t', '\r\n');
    const document = fc
      .array(fc.tuple(token, whitespace, fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 5 })
      .chain((items) =>
        fc.constantFrom(
          `[${items.map(([t, w]) => `${w}${t}`).join(',')}]`,
          `{${items.map(([t, w, k], i) => `${JSON.stringify(`${k}${i}`)}:${w}${t}`).join(',')}}`,
          `${items[0]![1]}${items[0]![0]}`,
        ),
      );
    fc.assert(
      fc.property(document, (text) => {
        if (!MAY_HOLD_INEXACT_NUMBER.test(text)) expect(numbersRoundTrip(text)).toBe(true);
        // Same values as the exact tokenizer, which a lossy number beside the document forces.
        expect(parseJsonLossless(text)).toEqual((parseJsonLossless(`[${text},1.50]`) as unknown[])[0]);
      }),
      { numRuns: 2000 },
    );
  });

  it('the exact tokenizer agrees with JSON.parse too (forced by a lossy number next to the value)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), fc.boolean(), (value, pretty) => {
        const text = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
        expect(parseJsonLossless(`[${text}, 1.50]`)).toEqual([JSON.parse(text), '1.50']);
      }),
      { numRuns: 300 },
    );
  });

  it('parseRawJsonObject: each member value equals JSON.parse, and non-string text is the source slice', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ noUnicodeString: false })), (object) => {
        const raw = parseRawJsonObject(JSON.stringify(object));
        const parsed = JSON.parse(JSON.stringify(object));
        expect(Object.keys(raw)).toEqual(Object.keys(parsed));
        for (const [name, member] of Object.entries(raw)) {
          expect(member.value).toEqual(parsed[name]);
          if (member.type === 'string') expect(member.text).toBe(parsed[name]);
          else if (member.type !== 'null') expect(member.text).toBe(JSON.stringify(parsed[name]));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('decodes long strings full of escapes', () => {
    const value = `${'a\\"\n\u00e9😀'.repeat(5000)}end`;
    const text = JSON.stringify({ s: value, t: 'x'.repeat(100_000), n: 1.1 });
    expect(parseJsonLossless(text)).toEqual({ s: value, t: 'x'.repeat(100_000), n: 1.1 });
    expect(parseRawJsonObject(text.replace('1.1}', '1.10}')).n!.text).toBe('1.10');
  });

  it('keeps numbers that would change as their exact text', () => {
    expect(parseJsonLossless('[130, 10000.00, 1e3, 1.5, -2, 0.1, 12345678901234567890]')).toEqual([
      130,
      '10000.00',
      '1e3',
      1.5,
      -2,
      0.1,
      '12345678901234567890',
    ]);
  });

  it('never throws anything but MALFORMED_JSON on garbage', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json().map((j) => j.slice(0, -1)),
          fc.string({ unit: 'binary' }),
        ),
        (text) => {
          for (const parse of [parseJsonLossless, parseRawJsonObject]) {
            try {
              parse(text);
            } catch (error) {
              expect(isEtkitCryptoError(error) && error.code === 'MALFORMED_JSON').toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects a non-string input with MALFORMED_JSON', () => {
    expect(() => parseJsonLossless(undefined as unknown as string)).toThrowError(malformed);
  });
});
