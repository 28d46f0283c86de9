import { EtkitCryptoError } from './errors.js';
import { setOwn } from './own-property.js';

/**
 * One JSON value together with the text a signature covers: the decoded string for strings; the exact
 * source text for numbers, booleans, objects and arrays (`10000.00` stays `10000.00`); '' for null.
 */
export interface RawJsonValue {
  type: 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';
  text: string;
  value: unknown;
}

/**
 * Bounds for {@link parseRawJsonObject}, for callers that know their documents are small (a notification is a
 * flat object of a dozen fields): a document past them is refused as soon as the parser reaches the excess.
 */
export interface RawJsonLimits {
  /** Most top-level members; default unbounded. */
  maxMembers?: number;
  /** Deepest nesting of objects and arrays, the top-level object counting 1; default 256. */
  maxDepth?: number;
  /** Most values at any depth (member values and list elements, nested ones included); default unbounded. */
  maxValues?: number;
}

/**
 * Parses a JSON object and returns each top-level member with its wire text. Strict RFC 8259 JSON;
 * a duplicate member name is rejected too, because two readers could disagree on which one was signed.
 * Throws MALFORMED_JSON (and nothing else) on any other input, including a top level that is not an object
 * and a document past `limits`. Time is linear in the length of the text.
 */
export function parseRawJsonObject(json: string, limits: RawJsonLimits = {}): Record<string, RawJsonValue> {
  const parser = new JsonParser(json, limits.maxDepth ?? MAX_DEPTH, limits.maxValues);
  const maxMembers = limits.maxMembers ?? Number.POSITIVE_INFINITY;
  if (parser.maxDepth < 1) throw pastLimit(`JSON text is nested more than ${parser.maxDepth} deep`);
  parser.skipWhitespace();
  if (parser.peek() !== OPEN_BRACE) throw malformed('top level is not an object');
  const members: Record<string, RawJsonValue> = {};
  let count = 0;
  parser.pos++;
  parser.skipWhitespace();
  if (parser.peek() === CLOSE_BRACE) {
    parser.pos++;
  } else {
    for (;;) {
      if (count >= maxMembers) throw pastLimit(`JSON text has more than ${maxMembers} top-level members`);
      parser.skipWhitespace();
      const key = parser.readKey();
      // The members read so far are the object's own properties (setOwn): no separate set of names is needed.
      if (Object.hasOwn(members, key)) throw malformed('duplicate member name');
      count++;
      parser.skipWhitespace();
      const start = parser.pos;
      const value = parser.readValue(1);
      const type = typeOfParsed(json.charCodeAt(start), value);
      const text = type === 'string' ? (value as string) : type === 'null' ? '' : json.slice(start, parser.pos);
      setOwn(members, key, { type, text, value });
      parser.skipWhitespace();
      if (parser.consumeSeparatorOrEnd(CLOSE_BRACE)) break;
    }
  }
  parser.expectEnd();
  return members;
}

/**
 * Like JSON.parse, except that a number whose text does not survive a Number() round trip (`10000.00`,
 * `1e3`, `12345678901234567890`) is kept as a string holding its exact text; `130` stays the number 130.
 * Throws MALFORMED_JSON on anything that is not strict JSON. Duplicate member names: the last one wins, as
 * with JSON.parse (only the top level of {@link parseRawJsonObject}, where signatures apply, rejects them).
 */
export function parseJsonLossless(json: string): unknown {
  if (typeof json !== 'string') throw malformed('input is not a string');
  // Fast path: when every number token already round-trips, the native parser gives the same result.
  if (!MAY_HOLD_INEXACT_NUMBER.test(json) || numbersRoundTrip(json)) {
    try {
      return JSON.parse(json);
    } catch {
      throw malformed('syntax error');
    }
  }
  const parser = new JsonParser(json, MAX_DEPTH);
  parser.skipWhitespace();
  const value = parser.readValue(0);
  parser.expectEnd();
  return value;
}

/**
 * False only when no number token of `json` can fail a Number() round trip, tested by one native search: a number
 * token starts the text or follows `:`, `,` or `[` (and whitespace), and one that fails has a fraction or an
 * exponent, 16 or more digits, or is -0. Other integers are exact in a double and printed back as written (JSON
 * has no leading zeros). A match may be inside a string: {@link numbersRoundTrip} then decides.
 */
export const MAY_HOLD_INEXACT_NUMBER = /(?:^|[:,[])[\t\n\r ]*(?:-?\d+[.eE]|-?\d{16}|-0)/;

/**
 * True when every number token of `json` survives a Number() round trip, so that JSON.parse gives exactly
 * what the exact tokenizer would. Strings are skipped with native searches. On invalid JSON any answer is
 * safe: both paths then reject the text.
 */
export function numbersRoundTrip(json: string): boolean {
  const length = json.length;
  let i = 0;
  while (i < length) {
    const c = json.charCodeAt(i);
    if (c === QUOTE) {
      i = endOfString(json, i + 1);
      if (i < 0) return true;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER_PATTERN.lastIndex = i;
      const match = NUMBER_PATTERN.exec(json);
      if (!match) return true;
      const token = match[0];
      if (String(Number(token)) !== token) return false;
      i += token.length;
    } else {
      i++;
    }
  }
  return true;
}

/** Position after the closing quote of the string whose body starts at `from`, or -1 if unterminated. */
function endOfString(json: string, from: number): number {
  let pos = from;
  for (;;) {
    const quote = json.indexOf('"', pos);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (json.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1; // an even run of backslashes escapes itself, not the quote
    pos = quote + 1;
  }
}

const MAX_DEPTH = 256;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

function malformed(reason: string): EtkitCryptoError {
  return new EtkitCryptoError('MALFORMED_JSON', `Text is not valid JSON: ${reason}`);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function skipDigits(text: string, from: number): number {
  let i = from;
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

function pastLimit(reason: string): EtkitCryptoError {
  return new EtkitCryptoError('MALFORMED_JSON', reason);
}

function typeOfParsed(firstChar: number, value: unknown): RawJsonValue['type'] {
  if (firstChar === QUOTE) return 'string';
  if (firstChar === OPEN_BRACE) return 'object';
  if (firstChar === OPEN_BRACKET) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  return 'number'; // a number, or its exact text kept as a string
}

// JSON forbids raw control characters (U+0000–U+001F) inside strings.
const CONTROL_CHARACTER = /[\u0000-\u001f]/;
const NUMBER_PATTERN = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/**
 * A recursive-descent reader whose every step moves forward: each character is looked at a bounded number of
 * times, so the time is linear in the length of the text whatever it holds (escapes, nesting, members).
 */
class JsonParser {
  pos = 0;
  private valuesLeft: number;

  constructor(
    readonly text: string,
    readonly maxDepth: number,
    private readonly maxValues = Number.POSITIVE_INFINITY,
  ) {
    if (typeof text !== 'string') throw malformed('input is not a string');
    this.valuesLeft = maxValues;
    // One search of the whole text instead of one per string: compact JSON (what JSON.stringify writes) has no
    // control character at all, and then no string needs its own check. Pretty-printed text stops it early.
    this.controlFree = !CONTROL_CHARACTER.test(text);
  }

  private readonly controlFree: boolean;

  peek(): number {
    return this.text.charCodeAt(this.pos);
  }

  skipWhitespace(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
      else return;
    }
  }

  expectEnd(): void {
    this.skipWhitespace();
    if (this.pos !== this.text.length) throw malformed('unexpected text after the value');
  }

  /** After a member or element: `,` continues (false), the closing bracket ends (true). */
  consumeSeparatorOrEnd(close: number): boolean {
    const c = this.peek();
    this.pos++;
    if (c === COMMA) return false;
    if (c === close) return true;
    throw malformed(Number.isNaN(c) ? 'unexpected end of text' : 'expected a comma or a closing bracket');
  }

  /** Reads `"name":`. */
  readKey(): string {
    if (this.peek() !== QUOTE) throw malformed('expected a member name');
    const key = this.readString();
    this.skipWhitespace();
    if (this.peek() !== COLON) throw malformed('expected a colon');
    this.pos++;
    return key;
  }

  readValue(depth: number): unknown {
    if (--this.valuesLeft < 0) throw pastLimit(`JSON text has more than ${this.maxValues} values`);
    const c = this.peek();
    switch (c) {
      case QUOTE:
        return this.readString();
      case OPEN_BRACE:
        return this.readObject(depth + 1);
      case OPEN_BRACKET:
        return this.readArray(depth + 1);
      case 0x74: // t
        return this.readLiteral('true', true);
      case 0x66: // f
        return this.readLiteral('false', false);
      case 0x6e: // n
        return this.readLiteral('null', null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.readNumber();
        throw malformed(Number.isNaN(c) ? 'unexpected end of text' : 'unexpected character');
    }
  }

  private readLiteral<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) throw malformed('unexpected character');
    this.pos += word.length;
    return value;
  }

  /**
   * A number token (RFC 8259 §6), scanned by hand: in a long list of numbers a regular-expression match per token
   * was most of the cost. Its text is kept when Number() would not give it back.
   */
  private readNumber(): number | string {
    const t = this.text;
    const start = this.pos;
    let i = start;
    if (t.charCodeAt(i) === 0x2d) i++; // -
    const first = t.charCodeAt(i);
    if (first === 0x30) i++;
    else if (first >= 0x31 && first <= 0x39) i = skipDigits(t, i + 1);
    else throw malformed('invalid number');
    let fractionEndsInZero = false;
    let integer = true;
    if (t.charCodeAt(i) === 0x2e) {
      // .
      if (!isDigit(t.charCodeAt(i + 1))) throw malformed('invalid number');
      i = skipDigits(t, i + 1);
      fractionEndsInZero = t.charCodeAt(i - 1) === 0x30;
      integer = false;
    }
    const e = t.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      // e E, then an optional sign
      const sign = t.charCodeAt(i + 1);
      const digits = sign === 0x2b || sign === 0x2d ? i + 2 : i + 1;
      if (!isDigit(t.charCodeAt(digits))) throw malformed('invalid number');
      i = skipDigits(t, digits);
      fractionEndsInZero = false;
      integer = false;
    }
    this.pos = i;
    const text = t.slice(start, i);
    // An integer of at most 15 characters is exact in a double and printed back as written (JSON has no leading
    // zeros), except -0; a plain fraction ending in 0 never is (String() drops trailing zeros).
    if (integer && i - start <= 15 && text !== '-0') return Number(text);
    if (fractionEndsInZero) return text;
    const n = Number(text);
    return String(n) === text ? n : text;
  }

  private readObject(depth: number): Record<string, unknown> {
    if (depth > this.maxDepth) throw pastLimit(`JSON text is nested more than ${this.maxDepth} deep`);
    this.pos++;
    const out: Record<string, unknown> = {};
    this.skipWhitespace();
    if (this.peek() === CLOSE_BRACE) {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWhitespace();
      const key = this.readKey();
      this.skipWhitespace();
      setOwn(out, key, this.readValue(depth));
      this.skipWhitespace();
      if (this.consumeSeparatorOrEnd(CLOSE_BRACE)) return out;
    }
  }

  private readArray(depth: number): unknown[] {
    if (depth > this.maxDepth) throw pastLimit(`JSON text is nested more than ${this.maxDepth} deep`);
    this.pos++;
    const out: unknown[] = [];
    this.skipWhitespace();
    if (this.peek() === CLOSE_BRACKET) {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWhitespace();
      out.push(this.readValue(depth));
      this.skipWhitespace();
      if (this.consumeSeparatorOrEnd(CLOSE_BRACKET)) return out;
    }
  }

  readString(): string {
    const t = this.text;
    const start = this.pos + 1;
    const quote = this.nextQuote(start);
    if (quote < 0) throw malformed('unterminated string');
    const backslash = this.nextBackslash(start);
    if (backslash < 0 || backslash > quote) {
      // No escape: the common case is one slice.
      const value = t.slice(start, quote);
      if (!this.controlFree && CONTROL_CHARACTER.test(value)) throw malformed('control character in a string');
      this.pos = quote + 1;
      return value;
    }
    // With escapes: find the closing quote (one search per quote), then let the native parser decode the string
    // token; JSON.parse applies exactly RFC 8259's string rules (escapes, no raw control characters) in one pass.
    const end = endOfString(t, start);
    if (end < 0) throw malformed('unterminated string');
    let value: string;
    try {
      value = JSON.parse(t.slice(start - 1, end)) as string;
    } catch {
      throw malformed('invalid escape or control character in a string');
    }
    this.pos = end;
    return value;
  }

  // Positions of the next backslash and the next quote at or after the last search start, or -1 when the rest of
  // the text has none. Each is searched again only once the reader has passed it, so a document is scanned for
  // each character once, not once per string.
  private backslashAt = -2;
  private quoteAt = -2;

  private nextBackslash(from: number): number {
    if (this.backslashAt === -1) return -1;
    if (this.backslashAt < from) this.backslashAt = this.text.indexOf('\\', from);
    return this.backslashAt;
  }

  private nextQuote(from: number): number {
    if (this.quoteAt === -1) return -1;
    if (this.quoteAt < from) this.quoteAt = this.text.indexOf('"', from);
    return this.quoteAt;
  }
}
