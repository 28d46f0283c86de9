import { NotificationError } from './errors.js';

/** The three body encodings ET uses for notifications (PROTOCOL.md §8). */
export type NotificationEncoding = 'json' | 'form' | 'multipart';

export interface ParsedContentType {
  encoding: NotificationEncoding;
  /** The `boundary` parameter; present only for multipart. */
  boundary?: string;
}

const JSON_TYPE: ParsedContentType = Object.freeze({ encoding: 'json' });
const FORM_TYPE: ParsedContentType = Object.freeze({ encoding: 'form' });
const ACCEPTED_CHARSETS = new Set(['utf-8', 'utf8']);

/**
 * Reads a Content-Type header (RFC 9110 §8.3: `type/subtype *( ; name=value )`, values token or quoted).
 * A missing header is answered by sniffing: a body starting with `{` is JSON, anything else form-urlencoded.
 * A charset other than UTF-8 is refused: the MD5 rule hashes UTF-8 bytes and we will not guess a conversion.
 */
export function parseContentType(header: string | null | undefined, bodyText: string): ParsedContentType {
  if (header === null || header === undefined || header.trim() === '') {
    return bodyText.trimStart().startsWith('{') ? JSON_TYPE : FORM_TYPE;
  }
  // A sender usually repeats one header (not a protocol fact; a cache miss only costs a parse): remember the last.
  if (header === lastHeader && lastParsed !== undefined) return lastParsed;
  const parsed = parseHeader(header);
  lastHeader = header;
  lastParsed = parsed;
  return parsed;
}

let lastHeader: string | undefined;
let lastParsed: ParsedContentType | undefined;

function parseHeader(header: string): ParsedContentType {
  const [mediaType = '', ...rawParameters] = splitParameters(header);
  const parameters = new Map<string, string>();
  for (const raw of rawParameters) {
    const equals = raw.indexOf('=');
    if (equals <= 0) continue; // tolerate a stray `;`
    const name = raw.slice(0, equals).trim().toLowerCase();
    let value = raw.slice(equals + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    parameters.set(name, value);
  }
  const charset = parameters.get('charset');
  if (charset !== undefined && !ACCEPTED_CHARSETS.has(charset.toLowerCase())) {
    throw new NotificationError(
      'UNSUPPORTED_CONTENT_TYPE',
      'Only UTF-8 notification bodies are supported (the MD5 signature covers UTF-8 bytes); the charset parameter names another',
    );
  }
  switch (mediaType.trim().toLowerCase()) {
    case 'application/json':
      return JSON_TYPE;
    case 'application/x-www-form-urlencoded':
      return FORM_TYPE;
    case 'multipart/form-data': {
      const boundary = parameters.get('boundary');
      if (boundary === undefined || boundary === '') {
        throw new NotificationError('MALFORMED', 'A multipart/form-data body needs a boundary parameter');
      }
      return Object.freeze({ encoding: 'multipart', boundary });
    }
    default:
      throw new NotificationError(
        'UNSUPPORTED_CONTENT_TYPE',
        'Notification bodies must be application/json, application/x-www-form-urlencoded or multipart/form-data',
      );
  }
}

/** Splits on `;` outside double quotes. */
function splitParameters(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const char = header[i]!;
    if (quoted && char === '\\' && i + 1 < header.length) {
      current += char + header[++i];
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}
