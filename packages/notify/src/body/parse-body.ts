import type { ProtocolProfile } from '@etkit/crypto';
import { parseContentType } from '../content-type.js';
import { BODY_NOT_RAW_MESSAGE, NotificationError } from '../errors.js';
import { parseFormUrlencoded } from './form-urlencoded.js';
import { parseJsonBody } from './json.js';
import { parseMultipart } from './multipart.js';
import type { WireFields } from './wire-fields.js';

/** A notification body as it came off the wire. */
export type RawBody = Uint8Array | ArrayBuffer | string;

/**
 * Bodies larger than this are refused unless the caller says otherwise. A real notification is 150–900 bytes
 * (seven short fields; multipart adds ~110 bytes of framing per field) and well under 2 KiB even with a long
 * voucher URL: 8 KiB leaves four times that. The bound is also what fixes the worst case, since every byte kept
 * is hashed (MD5, ~20–30 ns a byte in portable JS): at 8 KiB the costliest body we can construct takes about
 * 13× a real notification (bench/worst-case.ts), at 16 KiB about 23×, at the former 64 KiB about 86×.
 */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024;

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
 * parseNotificationBody without the promise: every encoding is read synchronously, in time linear in the body.
 * Throws synchronously for bad input.
 */
export function parseBodyFast(
  body: RawBody,
  contentType: string | null | undefined,
  maxBodyBytes: number,
  nullMembers: ProtocolProfile['notificationNullMembers'] = 'omit',
): WireFields {
  const text = readRawBody(body, maxBodyBytes);
  if (!/\S/.test(text)) throw new NotificationError('MALFORMED', 'The notification body is empty');
  const { encoding, boundary } = parseContentType(contentType, text);
  switch (encoding) {
    case 'json':
      return parseJsonBody(text, nullMembers);
    case 'form':
      return parseFormUrlencoded(text);
    case 'multipart':
      return parseMultipart(text, boundary!);
  }
}

/** Checks the size and decodes strictly. A text body is encoded only when the size check needs its bytes. */
function readRawBody(body: RawBody, maxBodyBytes: number): string {
  if (typeof body === 'string') {
    // UTF-8 needs at least one byte per UTF-16 unit and at most three, so most bodies skip the encoding.
    if (body.length > maxBodyBytes) throw tooLarge(maxBodyBytes);
    if (body.length * 3 > maxBodyBytes && utf8.encode(body).byteLength > maxBodyBytes) throw tooLarge(maxBodyBytes);
    // A byte-order mark is not content; the byte path's decoder drops it too.
    return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  }
  const bytes = body instanceof Uint8Array ? body : body instanceof ArrayBuffer ? new Uint8Array(body) : undefined;
  if (bytes === undefined) throw new NotificationError('BODY_NOT_RAW', BODY_NOT_RAW_MESSAGE);
  if (bytes.byteLength > maxBodyBytes) throw tooLarge(maxBodyBytes);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new NotificationError('MALFORMED', 'The notification body is not valid UTF-8');
  }
}

function tooLarge(maxBodyBytes: number): NotificationError {
  return new NotificationError('BODY_TOO_LARGE', `The notification body exceeds ${maxBodyBytes} bytes`);
}
