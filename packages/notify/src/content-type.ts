import { type ParameterFailure, readParameters } from './body/header-parameters.js';
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

/**
 * A real Content-Type is under 100 characters (`multipart/form-data; boundary=` and at most 70 more, RFC 2046
 * §5.1.1); past this one the header is refused before it is parsed.
 */
export const MAX_CONTENT_TYPE_LENGTH = 512;
/** A real one carries `charset`, `boundary`, or both. */
export const MAX_CONTENT_TYPE_PARAMETERS = 8;

function parseHeader(header: string): ParsedContentType {
  if (header.length > MAX_CONTENT_TYPE_LENGTH) {
    throw new NotificationError(
      'UNSUPPORTED_CONTENT_TYPE',
      `The Content-Type header is longer than ${MAX_CONTENT_TYPE_LENGTH} characters`,
    );
  }
  const semicolon = header.indexOf(';');
  const mediaType = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  const parameters =
    semicolon < 0
      ? new Map<string, string>()
      : readParameters(header, semicolon, { maxParameters: MAX_CONTENT_TYPE_PARAMETERS, quotedPairs: true }, refusal);
  const charset = parameters.get('charset');
  if (charset !== undefined && !ACCEPTED_CHARSETS.has(charset.toLowerCase())) {
    throw new NotificationError(
      'UNSUPPORTED_CONTENT_TYPE',
      'Only UTF-8 notification bodies are supported (the MD5 signature covers UTF-8 bytes); the charset parameter names another',
    );
  }
  switch (mediaType) {
    case 'application/json':
      return JSON_TYPE;
    case 'application/x-www-form-urlencoded':
      return FORM_TYPE;
    case 'multipart/form-data': {
      const boundary = parameters.get('boundary');
      if (boundary === undefined || boundary === '') {
        throw new NotificationError('MALFORMED', 'A multipart/form-data body needs a boundary parameter');
      }
      if (!BOUNDARY.test(boundary)) {
        throw new NotificationError(
          'MALFORMED',
          "A multipart/form-data boundary is 1 to 70 characters of the RFC 2046 set (letters, digits, '()+_,-./:=? and inner spaces)",
        );
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

// RFC 2046 §5.1.1: bchars, at most 70, not ending in a space.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

function refusal(failure: ParameterFailure): NotificationError {
  switch (failure) {
    case 'too-many':
      return new NotificationError(
        'UNSUPPORTED_CONTENT_TYPE',
        `The Content-Type header has more than ${MAX_CONTENT_TYPE_PARAMETERS} parameters`,
      );
    case 'repeated':
      return new NotificationError(
        'MALFORMED',
        'The Content-Type header repeats a parameter; readers could disagree on which one counts',
      );
    case 'syntax':
      return new NotificationError('MALFORMED', 'The Content-Type header has a malformed parameter');
  }
}
