import { type CryptoErrorDetails, EtkitCryptoError } from '../errors.js';
import { setOwn } from '../own-property.js';
import { parseRawJsonObject, type RawJsonValue } from '../raw-json.js';

export type WireFields = Record<string, RawJsonValue>;

/** Most top-level fields an envelope body may carry: requests and responses have 9 to 11 (PROTOCOL.md §2–3). */
export const MAX_ENVELOPE_FIELDS = 64;

/**
 * An envelope body as top-level fields with their wire text. Raw JSON text is the reliable input: each value's
 * text is exactly what was signed. A parsed object is accepted too; its values are re-serialised with
 * JSON.stringify, so a number sent as `10000.00` reads back as `10000` and such a signature will not verify.
 */
export function readWireFields(body: string | Record<string, unknown>): WireFields {
  // An envelope has about ten fields; a body of thousands is refused before their names are sorted and joined.
  if (typeof body === 'string') return parseRawJsonObject(body, { maxMembers: MAX_ENVELOPE_FIELDS });
  if (typeof body !== 'object' || body === null || Array.isArray(body) || body instanceof Uint8Array) {
    throw new EtkitCryptoError('MALFORMED_ENVELOPE', 'Envelope body must be JSON text or a plain object');
  }
  const fields: WireFields = {};
  for (const name of Object.keys(body)) {
    const value = body[name];
    const raw = rawFromValue(value);
    if (raw) setOwn(fields, name, raw);
  }
  return fields;
}

function rawFromValue(value: unknown): RawJsonValue | undefined {
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
      return { type: 'string', text: value, value };
    case 'boolean':
      return { type: 'boolean', text: String(value), value };
    case 'number':
      if (!Number.isFinite(value)) break;
      return { type: 'number', text: JSON.stringify(value), value };
    case 'object': {
      if (value === null) return { type: 'null', text: '', value: null };
      let text: string;
      try {
        text = JSON.stringify(value);
      } catch {
        break;
      }
      return { type: Array.isArray(value) ? 'array' : 'object', text, value };
    }
  }
  throw new EtkitCryptoError('MALFORMED_ENVELOPE', 'Envelope field is not a JSON value');
}

/** `name=text` for every field, for the `fields` result of openRequest. */
export function wireTexts(fields: WireFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(fields)) setOwn(out, name, fields[name]!.text);
  return out;
}

/** A string field, or `fallback` when absent/null; MALFORMED_ENVELOPE when of another type. */
export function stringField(fields: WireFields, name: string, details: CryptoErrorDetails, fallback?: string): string {
  const raw = fields[name];
  if (raw === undefined || raw.type === 'null') {
    if (fallback !== undefined) return fallback;
    throw new EtkitCryptoError('MALFORMED_ENVELOPE', `Envelope field ${name} is missing`, details);
  }
  if (raw.type !== 'string') {
    throw new EtkitCryptoError('MALFORMED_ENVELOPE', `Envelope field ${name} must be a string`, details);
  }
  return raw.text;
}

/** An integer field given as a JSON number or a numeric string, or `fallback` when absent. */
export function integerField(fields: WireFields, name: string, details: CryptoErrorDetails, fallback: number): number {
  const raw = fields[name];
  if (raw === undefined || raw.type === 'null') return fallback;
  if ((raw.type === 'number' || raw.type === 'string') && /^-?\d{1,15}$/.test(raw.text)) return Number(raw.text);
  throw new EtkitCryptoError('MALFORMED_ENVELOPE', `Envelope field ${name} must be an integer`, details);
}

/**
 * Metadata for errors, taken from an unverified body: only short printable-ASCII values are copied, so a
 * hostile body cannot smuggle personal data, control characters or long text into logs through them.
 */
export function safeDetails(fields: WireFields): CryptoErrorDetails {
  const details: CryptoErrorDetails = {};
  const serialNumber = safeText(fields, 'serial_number');
  const serverType = safeText(fields, 'server_type');
  const statusCode = safeText(fields, 'status_code');
  if (serialNumber) details.serialNumber = serialNumber;
  if (serverType) details.serverType = serverType;
  if (statusCode) details.statusCode = statusCode;
  return details;
}

const SAFE_TEXT = /^[\x21-\x7e]{1,64}$/;

// A top-level function, not a closure made on every call: this runs once per envelope opened.
function safeText(fields: WireFields, name: string): string | undefined {
  const raw = fields[name];
  return raw && raw.type === 'string' && SAFE_TEXT.test(raw.text) ? raw.text : undefined;
}

/**
 * The string to sign joins `name=value` with `&` and escapes nothing (PROTOCOL.md §5.3), so one signed string
 * can be cut into fields in more than one way: a value carrying `&status_code=000000&version=2.0.0` would let
 * anyone re-cut a genuine signed error into a "success" under the same signature. Refusing `&` and `=` in field
 * names, and `&` in every field but the free-text ones (data, message, return_info, extend_info) — codes,
 * identifiers, version, base64 and any field this release does not know — pins the other fields to the
 * boundaries the signer meant. A field it does not know must be pinned too: otherwise it can swallow the rest of
 * the string behind an injected `&status_code=000000…`. Among the free-text fields no cut can move a pinned one:
 * an injected pinned field needs a free-text field sorting after it to swallow the genuine one, and the only such
 * pair (merchant_number between extend_info and return_info, in a request) changes the key the signature is
 * checked with.
 */
export function assertUnambiguousFields(
  fields: WireFields,
  freeTextNames: readonly string[],
  details: CryptoErrorDetails,
): void {
  for (const name of Object.keys(fields)) {
    if (name.includes('&') || name.includes('=')) {
      throw new EtkitCryptoError('MALFORMED_ENVELOPE', 'Envelope field names must not contain & or =', details);
    }
    if (!freeTextNames.includes(name) && fields[name]!.text.includes('&')) {
      const shown = /^[A-Za-z0-9_]{1,64}$/.test(name) ? name : '(a field with an unexpected name)';
      throw new EtkitCryptoError('MALFORMED_ENVELOPE', `Envelope field ${shown} must not contain &`, details);
    }
  }
}

/** The signer's side of {@link assertUnambiguousFields}: INVALID_ARGUMENT when a fixed-format field holds `&`. */
export function refuseAmpersand(fields: object, names: readonly string[]): void {
  for (const name of names) {
    const value = (fields as Record<string, unknown>)[name];
    if (typeof value === 'string' && value.includes('&')) {
      throw new EtkitCryptoError(
        'INVALID_ARGUMENT',
        `${name} must not contain & (the string to sign does not escape it)`,
      );
    }
  }
}
