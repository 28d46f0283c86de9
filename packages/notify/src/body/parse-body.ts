import type { ProtocolProfile } from '@etkit/crypto';
import { parseContentType } from '../content-type.js';
import { BODY_NOT_RAW_MESSAGE, NotificationError } from '../errors.js';
import { parseFormUrlencoded } from './form-urlencoded.js';
import { parseJsonBody } from './json.js';
import { parseMultipart } from './multipart.js';
import type { WireFields } from './wire-fields.js';

/** A notification body as it came off the wire. */
export type RawBody = Uint8Array | ArrayBuffer | string;

/** Bodies larger than this are refused unless the caller says otherwise; real notifications are well under 1 KiB. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const utf8 = new TextEncoder();

/**
 * Turns a raw notification body into its wire fields, whatever encoding ET chose (PROTOCOL.md §8). Throws a
 * NotificationError (and nothing else) for any input it cannot read.
 */
export async function parseNotificationBody(
  body: RawBody,
  contentType: string | null | undefined,
  options: { maxBodyBytes?: number; nullMembers?: ProtocolProfile['notificationNullMembers'] } = {},
): Promise<WireFields> {
  return parseBodyFast(body, contentType, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, options.nullMembers);
}

/**
 * parseNotificationBody without the promise where none is needed: JSON and form bodies parse synchronously,
 * only multipart waits for the runtime's FormData parser. Throws synchronously for bad input.
 */
export function parseBodyFast(
  body: RawBody,
  contentType: string | null | undefined,
  maxBodyBytes: number,
  nullMembers: ProtocolProfile['notificationNullMembers'] = 'omit',
): WireFields | Promise<WireFields> {
  const { text, bytes } = readRawBody(body, maxBodyBytes);
  if (!/\S/.test(text)) throw new NotificationError('MALFORMED', 'The notification body is empty');
  const { encoding } = parseContentType(contentType, text);
  switch (encoding) {
    case 'json':
      return parseJsonBody(text, nullMembers);
    case 'form':
      return parseFormUrlencoded(text);
    case 'multipart':
      return parseMultipart(bytes ?? utf8.encode(text), contentType!);
  }
}

/** Checks the size and decodes strictly. A text body's bytes are only made when the size check needs them. */
function readRawBody(body: RawBody, maxBodyBytes: number): { text: string; bytes: Uint8Array | undefined } {
  if (typeof body === 'string') {
    // UTF-8 needs at least one byte per UTF-16 unit and at most three, so most bodies skip the encoding.
    if (body.length > maxBodyBytes) throw tooLarge(maxBodyBytes);
    const encoded = body.length * 3 > maxBodyBytes ? utf8.encode(body) : undefined;
    if (encoded !== undefined && encoded.byteLength > maxBodyBytes) throw tooLarge(maxBodyBytes);
    // A byte-order mark is not content; the byte path's decoder drops it too.
    return { text: body.charCodeAt(0) === 0xfeff ? body.slice(1) : body, bytes: encoded };
  }
  const bytes = body instanceof Uint8Array ? body : body instanceof ArrayBuffer ? new Uint8Array(body) : undefined;
  if (bytes === undefined) throw new NotificationError('BODY_NOT_RAW', BODY_NOT_RAW_MESSAGE);
  if (bytes.byteLength > maxBodyBytes) throw tooLarge(maxBodyBytes);
  try {
    return { text: strictUtf8.decode(bytes), bytes };
  } catch {
    throw new NotificationError('MALFORMED', 'The notification body is not valid UTF-8');
  }
}

function tooLarge(maxBodyBytes: number): NotificationError {
  return new NotificationError('BODY_TOO_LARGE', `The notification body exceeds ${maxBodyBytes} bytes`);
}
