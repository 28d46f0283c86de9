import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseJsonLossless, parseRawJsonObject } from '../src/index.js';

const malformed = expect.objectContaining({ code: 'MALFORMED_JSON' });

/**
 * The characters the parser's native calls look at while it reads `text`: every indexOf counts the distance it
 * searched, every JSON.parse and RegExp test the length of its input. A parser that searches again from each
 * escape to the closing quote (the quadratic reader this replaced) counts n²/2 here; a linear one, a few n.
 * Work counted, not time, so the result does not depend on the machine.
 */
function charactersExamined(read: () => unknown): number {
  let examined = 0;
  const indexOf = String.prototype.indexOf;
  const parse = JSON.parse;
  const test = RegExp.prototype.test;
  vi.spyOn(String.prototype, 'indexOf').mockImplementation(function (this: string, search: string, from?: number) {
    const found = indexOf.call(this, search, from);
    examined += (found < 0 ? this.length : found) - Math.max(0, from ?? 0);
    return found;
  });
  vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    examined += text.length;
    return parse(text, reviver);
  });
  vi.spyOn(RegExp.prototype, 'test').mockImplementation(function (this: RegExp, input: string) {
    examined += String(input).length;
    return test.call(this, input);
  });
  try {
    read();
  } catch {
    // refusals count too: a hostile text is often refused, and must be refused in linear time
  } finally {
    vi.restoreAllMocks();
  }
  return examined;
}

// Texts an attacker may send, each built to some size n: escapes dense in one string (the measured case), escaped
// quotes, many short strings each with one escape, escaped member names, nested lists of strings, and the same
// shapes left unterminated so that they are refused.
const hostileShapes: Array<[string, (n: number) => string]> = [
  ['one string of \\n escapes', (n) => `{"message":"${'\\n'.repeat(n / 2)}"}`],
  ['one string of escaped quotes', (n) => `{"message":"${'\\"'.repeat(n / 2)}"}`],
  ['one string of \\u escapes', (n) => `{"message":"${'\\u005c'.repeat(Math.floor(n / 6))}"}`],
  ['alternating escapes and text', (n) => `{"message":"${'a\\tb'.repeat(n / 4)}"}`],
  [
    'many members with escaped names',
    (n) => `{${Array.from({ length: Math.floor(n / 12) }, (_, i) => `"\\n${i}":"\\t"`).join(',')}}`,
  ],
  [
    'a list of escaped strings',
    (n) =>
      `{"data":[${Array(Math.floor(n / 5))
        .fill('"\\n"')
        .join(',')}]}`,
  ],
  ['an unterminated string of escapes', (n) => `{"message":"${'\\n'.repeat(n / 2)}`],
  ['a string with a raw control character at the end', (n) => `{"message":"${'\\n'.repeat(n / 2)}\u0001"}`],
  [
    'many strings with one escape and a lossy number',
    (n) =>
      `[1.50,${Array(Math.floor(n / 6))
        .fill('"\\n"')
        .join(',')}]`,
  ],
];

describe('raw JSON reading is linear in the length of the text', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(hostileShapes)('%s: characters examined grow with the text, not with its square', (_name, build) => {
    for (const read of [parseRawJsonObject, parseJsonLossless]) {
      const small = build(16_384);
      const large = build(65_536);
      const smallWork = charactersExamined(() => read(small));
      const largeWork = charactersExamined(() => read(large));
      // Four times the text: at most a little over four times the work (quadratic would be sixteen), and a small
      // constant number of passes over each character.
      expect(largeWork).toBeLessThanOrEqual(4.5 * smallWork + 1_000);
      expect(largeWork).toBeLessThanOrEqual(6 * large.length);
    }
  });
});

describe('parseRawJsonObject limits', () => {
  it('reads up to maxMembers top-level members and refuses one more', () => {
    const members = (count: number) => `{${Array.from({ length: count }, (_, i) => `"m${i}":1`).join(',')}}`;
    expect(Object.keys(parseRawJsonObject(members(64), { maxMembers: 64 }))).toHaveLength(64);
    expect(() => parseRawJsonObject(members(65), { maxMembers: 64 })).toThrowError(malformed);
    expect(() => parseRawJsonObject(members(65), { maxMembers: 64 })).toThrowError(/more than 64 top-level members/);
    // Nested members are not top-level members.
    const nested = `{"a":{${Array.from({ length: 100 }, (_, i) => `"m${i}":1`).join(',')}}}`;
    expect(Object.keys(parseRawJsonObject(nested, { maxMembers: 1 }))).toEqual(['a']);
  });

  it('refuses a member past maxMembers before reading the rest of the text', () => {
    // The second member's value is broken: with maxMembers 1 the refusal names the limit, not the syntax.
    expect(() => parseRawJsonObject('{"a":1,"b":x', { maxMembers: 1 })).toThrowError(/more than 1 top-level members/);
  });

  it('reads up to maxValues values at any depth and refuses one more', () => {
    // Five values: the list, 1, 2, the object, 3.
    expect(parseRawJsonObject('{"a":[1,2],"b":{"c":3}}', { maxValues: 5 }).a!.text).toBe('[1,2]');
    expect(() => parseRawJsonObject('{"a":[1,2],"b":{"c":3,"d":4}}', { maxValues: 5 })).toThrowError(
      /more than 5 values/,
    );
    expect(() => parseRawJsonObject(`{"a":[${Array(1000).fill(1).join(',')}]}`, { maxValues: 64 })).toThrowError(
      malformed,
    );
  });

  it('reads nesting up to maxDepth (the top-level object counting 1) and refuses one level more', () => {
    const nested = (depth: number) => `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    expect(parseRawJsonObject(nested(4), { maxDepth: 4 }).a!.text).toBe('[[[]]]');
    expect(() => parseRawJsonObject(nested(5), { maxDepth: 4 })).toThrowError(malformed);
    expect(() => parseRawJsonObject('{"a":{"b":{}}}', { maxDepth: 2 })).toThrowError(/nested more than 2 deep/);
    expect(parseRawJsonObject('{"a":"x"}', { maxDepth: 1 }).a!.text).toBe('x');
    expect(() => parseRawJsonObject('{"a":[]}', { maxDepth: 1 })).toThrowError(malformed);
    expect(() => parseRawJsonObject('{}', { maxDepth: 0 })).toThrowError(malformed);
  });
});

describe('string decoding agrees with JSON.parse', () => {
  // Text inside quotes, dense in what makes strings hard: escapes (valid and not), quotes, backslashes, control
  // characters, surrogate halves, the line separators JSON allows raw.
  const stringBody = fc.string({
    unit: fc.constantFrom(
      '\\',
      '"',
      'n',
      'u',
      '0',
      '0041',
      'D83D',
      'dE00',
      '\\u',
      '\\n',
      '\\"',
      '\\\\',
      '\\/',
      '\\x',
      '\n',
      '\u0001',
      '\u007f',
      '\u2028',
      '\ud800',
      '😀',
      '学',
      'a',
    ),
    maxLength: 30,
  });

  it('a member value or name is accepted exactly when JSON.parse accepts it, with the same text', () => {
    fc.assert(
      fc.property(stringBody, fc.boolean(), (body, asName) => {
        const text = asName ? `{"${body}":1}` : `{"k":"${body}"}`;
        let expected: Record<string, unknown> | undefined;
        try {
          expected = JSON.parse(text) as Record<string, unknown>;
        } catch {
          expected = undefined;
        }
        if (expected === undefined) {
          expect(() => parseRawJsonObject(text)).toThrowError(malformed);
          expect(() => parseJsonLossless(text)).toThrowError(malformed);
          return;
        }
        const raw = parseRawJsonObject(text);
        expect(Object.keys(raw)).toEqual(Object.keys(expected));
        if (!asName) expect(raw.k!.text).toBe(expected.k);
        expect(parseJsonLossless(`[1.50,${text}]`)).toEqual(['1.50', expected]);
      }),
      { numRuns: 2000 },
    );
  });

  it('any string value, however escaped, reads back as itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 20 }), (value, name) => {
        fc.pre(name !== 'n');
        const raw = parseRawJsonObject(JSON.stringify({ [name]: value, n: 1.0 }));
        expect(raw[name]!.text).toBe(value);
      }),
      { numRuns: 500 },
    );
  });
});

describe('number tokens', () => {
  // Number-like text of every shape, valid or not: signs, leading zeros, fractions, exponents, stray dots.
  const numberText = fc.string({
    unit: fc.constantFrom('-', '+', '0', '1', '5', '9', '.', 'e', 'E', '00', '123456789'),
    minLength: 1,
    maxLength: 24,
  });

  it('a token is read exactly when JSON.parse reads it, as the number when its text survives, else as the text', () => {
    fc.assert(
      fc.property(numberText, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        if (!valid) {
          expect(() => parseRawJsonObject(`{"n":${text}}`)).toThrowError(malformed);
          expect(() => parseJsonLossless(`[${text}, 1.50]`)).toThrowError(malformed);
          return;
        }
        const n = Number(text);
        const expected = String(n) === text ? n : text;
        expect(parseJsonLossless(`[${text}, 1.50]`)).toEqual([expected, '1.50']);
        expect(parseRawJsonObject(`{"n":${text}}`).n).toEqual({ type: 'number', text, value: expected });
      }),
      { numRuns: 3000 },
    );
  });
});
