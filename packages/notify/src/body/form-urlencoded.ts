import { NotificationError } from '../errors.js';
import { type WireFields, WireFieldsBuilder } from './wire-fields.js';

/**
 * application/x-www-form-urlencoded: `name=value` pairs joined by `&`, `+` for space, percent-escapes for UTF-8
 * bytes. Stricter than URLSearchParams on purpose: a broken escape or invalid UTF-8 is an error, not a silent
 * U+FFFD that would only surface later as a confusing signature mismatch.
 */
export function parseFormUrlencoded(text: string): WireFields {
  const fields = new WireFieldsBuilder();
  for (const pair of text.split('&')) {
    if (pair === '') continue; // `a=1&&b=2` and a trailing `&` carry no field
    const equals = pair.indexOf('=');
    const name = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    fields.add(decodeComponent(name), decodeComponent(value));
  }
  return fields.build();
}

function decodeComponent(encoded: string): string {
  const spaced = encoded.includes('+') ? encoded.replaceAll('+', ' ') : encoded;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    throw new NotificationError('MALFORMED', 'The form body has a broken percent-escape or escapes invalid UTF-8');
  }
}
