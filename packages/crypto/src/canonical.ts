import { EtkitCryptoError } from './errors.js';
import { assertFields } from './own-property.js';
import type { RawJsonValue } from './raw-json.js';

/** A top-level field value as it may be handed to {@link canonicalString}. */
export type WireFieldValue = string | number | boolean | null | undefined | RawJsonValue;

export interface CanonicalStringOptions {
  /** 'keep-empty' writes `extend_info=`; 'drop-empty' leaves empty values out. Default 'keep-empty'. */
  form?: 'keep-empty' | 'drop-empty';
}

/**
 * The string an envelope signature covers (PROTOCOL.md §5.3): every field except `sign` whose value is not
 * null/absent, sorted by name in code-point order, written `name=value` and joined with `&`, no URL-encoding.
 * Strings are written as is, numbers and booleans as their JSON text, a RawJsonValue as its wire text.
 */
export function canonicalString<Fields extends { [Name in keyof Fields]: WireFieldValue }>(
  fields: Fields,
  options: CanonicalStringOptions = {},
): string {
  assertFields(fields, 'fields');
  const dropEmpty = options?.form === 'drop-empty';
  const parts: Array<[string, string]> = [];
  const values = fields as Record<string, WireFieldValue>;
  for (const name of Object.keys(values)) {
    if (name === 'sign') continue;
    const text = wireText(values[name]);
    if (text === undefined) continue;
    if (dropEmpty && text === '') continue;
    parts.push([name, text]);
  }
  return joinSorted(parts);
}

/** Sorts `[name, value]` pairs by name in code-point order and joins them as `a=1&b=2`. */
export function joinSorted(parts: Array<[string, string]>): string {
  parts.sort((a, b) => compareCodePoints(a[0], b[0]));
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const [name, value] = parts[i]!;
    out += i === 0 ? `${name}=${value}` : `&${name}=${value}`;
  }
  return out;
}

/**
 * Code-point order. Plain `<` compares UTF-16 code units, which puts astral characters before U+E000–U+FFFF;
 * the protocol's field names are ASCII, where both orders agree, but the rule says code points.
 */
export function compareCodePoints(a: string, b: string): number {
  // Below U+D800 a code unit is a code point: names of that range (every protocol name) compare unit by unit.
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x >= 0xd800 || y >= 0xd800) return compareByCodePointAt(a, b);
    if (x !== y) return x - y;
  }
  return a.length - b.length;
}

function compareByCodePointAt(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function wireText(value: WireFieldValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new EtkitCryptoError('INVALID_ARGUMENT', 'A field is a non-finite number');
      return JSON.stringify(value);
    case 'object':
      if (isRawJsonValue(value)) return value.type === 'null' ? undefined : value.text;
      break;
  }
  throw new EtkitCryptoError('INVALID_ARGUMENT', 'A field value is not a string, number, boolean or RawJsonValue');
}

export function isRawJsonValue(value: unknown): value is RawJsonValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RawJsonValue).type === 'string' &&
    typeof (value as RawJsonValue).text === 'string' &&
    'value' in value
  );
}
