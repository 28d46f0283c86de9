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
 * Parses a JSON object and returns each top-level member with its wire text. Strict RFC 8259 JSON;
 * a duplicate member name is rejected too, because two readers could disagree on which one was signed.
 * Throws MALFORMED_JSON (and nothing else) on any other input, including a top level that is not an object.
 */
export function parseRawJsonObject(json: string): Record<string, RawJsonValue> {
  const parser = new JsonParser(json);
  parser.skipWhitespace();
  if (parser.peek() !== OPEN_BRACE) throw malformed('top level is not an object');
  const members: Record<string, RawJsonValue> = {};
  const seen = new Set<string>();
  parser.pos++;
  parser.skipWhitespace();
  if (parser.peek() === CLOSE_BRACE) {
    parser.pos++;
  } else {
    for (;;) {
      parser.skipWhitespace();
      const key = parser.readKey(seen);
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
  if (numbersRoundTrip(json)) {
    try {
      return JSON.parse(json);
    } catch {
      throw malformed('syntax error');
    }
  }
  const parser = new JsonParser(json);
  parser.skipWhitespace();
  const value = parser.readValue(0);
  parser.expectEnd();
  return value;
}

// String literals (skipped) or number tokens. For valid JSON this finds exactly the number tokens; on
// invalid JSON any answer is safe, since both paths then reject the text.
const STRING_OR_NUMBER = /"(?:[^"\\]+|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

function numbersRoundTrip(json: string): boolean {
  try {
    STRING_OR_NUMBER.lastIndex = 0;
    for (let match = STRING_OR_NUMBER.exec(json); match; match = STRING_OR_NUMBER.exec(json)) {
      const token = match[0];
      if (token.charCodeAt(0) !== QUOTE && String(Number(token)) !== token) return false;
    }
    return true;
  } catch {
    return false; // e.g. the regex engine's backtracking limit on a huge input: take the slow path
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

class JsonParser {
  pos = 0;
  constructor(readonly text: string) {
    if (typeof text !== 'string') throw malformed('input is not a string');
  }

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

  /** Reads `"name":`; with `seen`, a repeated name is MALFORMED_JSON. */
  readKey(seen?: Set<string>): string {
    if (this.peek() !== QUOTE) throw malformed('expected a member name');
    const key = this.readString();
    if (seen) {
      if (seen.has(key)) throw malformed('duplicate member name');
      seen.add(key);
    }
    this.skipWhitespace();
    if (this.peek() !== COLON) throw malformed('expected a colon');
    this.pos++;
    return key;
  }

  readValue(depth: number): unknown {
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

  private readNumber(): number | string {
    NUMBER_PATTERN.lastIndex = this.pos;
    const match = NUMBER_PATTERN.exec(this.text);
    if (!match) throw malformed('invalid number');
    const text = match[0];
    this.pos += text.length;
    const n = Number(text);
    return String(n) === text ? n : text;
  }

  private readObject(depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw malformed('nesting too deep');
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
    if (depth > MAX_DEPTH) throw malformed('nesting too deep');
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
    let pos = this.pos + 1;
    // Fast path: no escape before the closing quote (base64, ids, most text) → one native search + check.
    const end = t.indexOf('"', pos);
    if (end >= 0) {
      const chunk = t.slice(pos, end);
      if (!chunk.includes('\\') && !CONTROL_CHARACTER.test(chunk)) {
        this.pos = end + 1;
        return chunk;
      }
    }
    let out = '';
    let chunkStart = pos;
    for (;;) {
      const c = t.charCodeAt(pos);
      if (c === QUOTE) {
        out += t.slice(chunkStart, pos);
        this.pos = pos + 1;
        return out;
      }
      if (c === BACKSLASH) {
        out += t.slice(chunkStart, pos);
        pos = this.readEscape(pos + 1, (s) => {
          out += s;
        });
        chunkStart = pos;
        continue;
      }
      if (Number.isNaN(c)) throw malformed('unterminated string');
      if (c < 0x20) throw malformed('control character in a string');
      pos++;
    }
  }

  /** Reads the escape after a backslash at `pos`, hands its text to `emit`, returns the next position. */
  private readEscape(pos: number, emit: (text: string) => void): number {
    const e = this.text.charCodeAt(pos);
    switch (e) {
      case QUOTE:
        emit('"');
        return pos + 1;
      case BACKSLASH:
        emit('\\');
        return pos + 1;
      case 0x2f:
        emit('/');
        return pos + 1;
      case 0x62:
        emit('\b');
        return pos + 1;
      case 0x66:
        emit('\f');
        return pos + 1;
      case 0x6e:
        emit('\n');
        return pos + 1;
      case 0x72:
        emit('\r');
        return pos + 1;
      case 0x74:
        emit('\t');
        return pos + 1;
      case 0x75: {
        const hex = this.text.slice(pos + 1, pos + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw malformed('invalid \\u escape');
        emit(String.fromCharCode(Number.parseInt(hex, 16)));
        return pos + 5;
      }
      default:
        throw malformed('invalid escape');
    }
  }
}
