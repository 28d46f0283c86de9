import { NotificationError } from '../errors.js';
import { MAX_FIELD_NAME_LENGTH, type WireFields, WireFieldsBuilder } from './wire-fields.js';

/**
 * application/x-www-form-urlencoded: `name=value` pairs joined by `&`, `+` for space, percent-escapes for UTF-8
 * bytes. Stricter than URLSearchParams on purpose: a broken escape or invalid UTF-8 is an error, not a silent
 * U+FFFD that would only surface later as a confusing signature mismatch.
 *
 * One pass: each `&` and `=` is found by one native search that never looks behind the reader, and each field
 * is handed to the builder as soon as it is read, so the field past the limit stops the reading.
 */
export function parseFormUrlencoded(text: string): WireFields {
  const fields = new WireFieldsBuilder();
  const length = text.length;
  let equalsAt = -2; // the next `=` at or after `start`, searched again only once passed
  for (let start = 0; start <= length; ) {
    let end = text.indexOf('&', start);
    if (end < 0) end = length;
    if (end > start) {
      // `a=1&&b=2` and a trailing `&` carry no field
      if (equalsAt !== -1 && equalsAt < start) equalsAt = text.indexOf('=', start);
      const equals = equalsAt >= 0 && equalsAt < end ? equalsAt : -1;
      const nameEnd = equals < 0 ? end : equals;
      // A name is short (an escape is 3 characters per byte); refuse before decoding a long one.
      if (nameEnd - start > 3 * MAX_FIELD_NAME_LENGTH * 4) throw longName();
      const name = decodeComponent(text.slice(start, nameEnd));
      const value = equals < 0 ? '' : decodeComponent(text.slice(equals + 1, end));
      fields.add(name, value);
    }
    start = end + 1;
  }
  return fields.build();
}

const utf8 = new TextEncoder();
// ignoreBOM: a U+FEFF inside a value is content and must survive the round trip.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const PLUS = 0x2b;
const SPACE = 0x20;

/**
 * `+` → space. replaceAll pays a runtime call per match (a value of 8 000 `+` cost ~0.4 ms, as much as hashing
 * the whole body); one native encode, a byte loop and one native decode cost a tenth of that. But the encode and
 * decode cost ~1 µs whatever the length, several times replaceAll on a value with one or two `+` such as a time
 * (`2026-11-28+10%3A00%3A00`), so those take replaceAll: two runtime calls at most. Both are exact for
 * well-formed text (every body read from bytes is); a string holding a lone surrogate takes replaceAll.
 */
function spacesForPluses(encoded: string): string {
  const second = encoded.indexOf('+', encoded.indexOf('+') + 1);
  if (second < 0 || encoded.indexOf('+', second + 1) < 0) return encoded.replaceAll('+', ' ');
  if (!(encoded as { isWellFormed?: () => boolean }).isWellFormed?.()) return encoded.replaceAll('+', ' ');
  const bytes = utf8.encode(encoded);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === PLUS) bytes[i] = SPACE;
  return utf8Decoder.decode(bytes);
}

function longName(): NotificationError {
  return new NotificationError(
    'MALFORMED',
    `A notification field name is longer than ${MAX_FIELD_NAME_LENGTH} characters`,
  );
}

function decodeComponent(encoded: string): string {
  const spaced = encoded.includes('+') ? spacesForPluses(encoded) : encoded;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    throw new NotificationError('MALFORMED', 'The form body has a broken percent-escape or escapes invalid UTF-8');
  }
}
