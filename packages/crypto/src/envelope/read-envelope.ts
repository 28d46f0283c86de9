import { EtkitCryptoError } from '../errors.js';
import { parseRawJsonObject, type RawJsonValue } from '../raw-json.js';
import { MAX_ENVELOPE_FIELDS } from './wire-fields.js';

/**
 * An envelope body read once: its exact text and its top-level fields with their wire text, read under the same
 * limits `openRequest` applies to text. A server that looks at the fields before opening (to pick the merchant,
 * its key and profile) hands this to `openRequest` instead of the text, which is then not parsed a second time.
 * The fields are frozen: the signature is checked over the texts read here.
 */
export interface ReadEnvelope {
  readonly text: string;
  readonly fields: Readonly<Record<string, RawJsonValue>>;
}

// Only what readEnvelope made is taken as read: an object shaped like one is not trusted to hold the body's texts.
const madeHere = new WeakSet<object>();

/** Reads an envelope body; MALFORMED_JSON when it is not a JSON object of at most 64 fields. */
export function readEnvelope(body: string): ReadEnvelope {
  if (typeof body !== 'string') throw new EtkitCryptoError('INVALID_ARGUMENT', 'readEnvelope needs the body text');
  const fields = parseRawJsonObject(body, { maxMembers: MAX_ENVELOPE_FIELDS });
  for (const name of Object.keys(fields)) Object.freeze(fields[name]);
  const read: ReadEnvelope = Object.freeze({ text: body, fields: Object.freeze(fields) });
  madeHere.add(read);
  return read;
}

export function isReadEnvelope(value: unknown): value is ReadEnvelope {
  return typeof value === 'object' && value !== null && madeHere.has(value);
}
