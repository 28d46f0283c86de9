import { NotificationError } from '../errors.js';
import { type ParameterFailure, readParameters } from './header-parameters.js';
import { type WireFields, WireFieldsBuilder } from './wire-fields.js';

/**
 * A part's header block, in characters. A field's part carries a Content-Disposition of some 50 characters plus
 * the field name, perhaps a Content-Type and a Content-Transfer-Encoding: a few hundred at most.
 */
export const MAX_PART_HEADER_LENGTH = 1024;
const MAX_PART_HEADERS = 8;
const MAX_DISPOSITION_PARAMETERS = 4;

// RFC 7578 §4.7: the only transfer encodings a form field may declare are the identity ones. Another (base64,
// quoted-printable) would mean the text on the wire is not the value: some runtimes decode it and some do not,
// and which text the signature covers is then anyone's guess.
const IDENTITY_TRANSFER_ENCODINGS = new Set(['7bit', '8bit', 'binary']);

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * multipart/form-data (RFC 7578 over RFC 2046 §5.1), read by etkit itself rather than by the runtime's
 * `Response#formData()`: runtimes differ (one decodes a base64 part, another reads it as text; one refuses a
 * preamble another ignores), and none bounds its work. This reader takes the body already decoded as UTF-8 and
 * finds each delimiter with one native search that starts where the last part ended, so its time is linear in
 * the body; the part past the field limit, an over-long header block and a file part stop it at once.
 *
 * Accepted: a preamble and an epilogue (ignored), transport padding after a delimiter, header names in any case,
 * `Content-Type` on a part (ignored: the body is UTF-8 as a whole), `Content-Transfer-Encoding` 7bit, 8bit or
 * binary. A quoted `name` is read as browsers write it: `%22`, `%0D` and `%0A` stand for `"`, CR and LF; a
 * backslash is itself. Each value is the part's exact text, CR and LF included.
 */
export function parseMultipart(text: string, boundary: string): WireFields {
  const dashBoundary = `--${boundary}`;
  const delimiter = `\r\n${dashBoundary}`;
  const fields = new WireFieldsBuilder();
  let pos: number;
  if (text.startsWith(dashBoundary)) {
    pos = dashBoundary.length;
  } else {
    const first = text.indexOf(delimiter);
    if (first < 0) throw malformed('The multipart/form-data body has no boundary line');
    pos = first + delimiter.length;
  }
  for (;;) {
    if (text.startsWith('--', pos)) return fields.build(); // the close delimiter; the epilogue is ignored
    while (text.charCodeAt(pos) === 0x20 || text.charCodeAt(pos) === 0x09) pos++; // transport padding
    if (!text.startsWith('\r\n', pos)) throw malformed('A multipart boundary line is not followed by CRLF');
    const partStart = pos + 2;
    const partEnd = text.indexOf(delimiter, partStart);
    if (partEnd < 0) throw malformed('The multipart/form-data body ends inside a part (no closing boundary)');
    readPart(text.slice(partStart, partEnd), fields);
    pos = partEnd + delimiter.length;
  }
}

/** Adds the field one part carries: headers, an empty line, the value. */
function readPart(part: string, fields: WireFieldsBuilder): void {
  let headerBlock: string;
  let valueStart: number;
  if (part.startsWith('\r\n')) {
    headerBlock = '';
    valueStart = 2;
  } else {
    // Look for the empty line only where a header block may end, so a long part without one costs no scan.
    const headerEnd = part.slice(0, MAX_PART_HEADER_LENGTH + 4).indexOf('\r\n\r\n');
    if (headerEnd < 0) {
      throw malformed(
        part.length > MAX_PART_HEADER_LENGTH
          ? `A multipart part's headers are longer than ${MAX_PART_HEADER_LENGTH} characters`
          : "A multipart part's headers do not end with an empty line",
      );
    }
    headerBlock = part.slice(0, headerEnd);
    valueStart = headerEnd + 4;
  }
  if (headerBlock.length > MAX_PART_HEADER_LENGTH) {
    throw malformed(`A multipart part's headers are longer than ${MAX_PART_HEADER_LENGTH} characters`);
  }
  const name = fieldNameOf(headerBlock === '' ? [] : headerBlock.split('\r\n'));
  fields.add(name, part.slice(valueStart));
}

function fieldNameOf(lines: string[]): string {
  if (lines.length > MAX_PART_HEADERS) throw malformed(`A multipart part has more than ${MAX_PART_HEADERS} headers`);
  let name: string | undefined;
  let transferEncoding: string | undefined;
  for (const line of lines) {
    const colon = line.indexOf(':');
    const headerName = colon < 0 ? '' : line.slice(0, colon).trim();
    // A folded line, a bare CR or LF, or no `name:` is not a header line.
    if (!TOKEN.test(headerName) || line.charCodeAt(0) === 0x20 || line.charCodeAt(0) === 0x09 || /[\r\n]/.test(line)) {
      throw malformed('A multipart part has a malformed header line');
    }
    const value = line.slice(colon + 1).trim();
    switch (headerName.toLowerCase()) {
      case 'content-disposition':
        if (name !== undefined) throw malformed('A multipart part repeats Content-Disposition');
        name = dispositionName(value);
        break;
      case 'content-transfer-encoding':
        if (transferEncoding !== undefined) throw malformed('A multipart part repeats Content-Transfer-Encoding');
        transferEncoding = value.toLowerCase();
        if (!IDENTITY_TRANSFER_ENCODINGS.has(transferEncoding)) {
          throw malformed(
            'A multipart part declares a Content-Transfer-Encoding other than 7bit, 8bit or binary; notification fields are sent as they are',
          );
        }
        break;
      // Content-Type and any other header: not needed to read a text field.
    }
  }
  if (name === undefined) throw malformed('A multipart part has no Content-Disposition: form-data with a name');
  return name;
}

/** The field name of `form-data; name="…"`; a part with a filename is a file, which notifications never carry. */
function dispositionName(value: string): string {
  const semicolon = value.indexOf(';');
  const type = (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  if (type !== 'form-data') throw malformed('A multipart part is not form-data');
  const parameters =
    semicolon < 0
      ? new Map<string, string>()
      : readParameters(value, semicolon, { maxParameters: MAX_DISPOSITION_PARAMETERS, quotedPairs: false }, refusal);
  if (parameters.has('filename') || parameters.has('filename*')) {
    throw malformed('The multipart body carries a file part; notifications carry text');
  }
  const name = parameters.get('name');
  if (name === undefined) throw malformed('A multipart part has no Content-Disposition: form-data with a name');
  return name.includes('%')
    ? name.replace(FORM_NAME_ESCAPE, (sequence) => FORM_NAME_ESCAPES[sequence.toUpperCase()]!)
    : name;
}

// What HTML's multipart/form-data encoding writes for these three characters in a name.
const FORM_NAME_ESCAPE = /%0A|%0D|%22/gi;
const FORM_NAME_ESCAPES: Record<string, string> = { '%0A': '\n', '%0D': '\r', '%22': '"' };

function refusal(failure: ParameterFailure): NotificationError {
  switch (failure) {
    case 'too-many':
      return malformed(`A multipart part's Content-Disposition has more than ${MAX_DISPOSITION_PARAMETERS} parameters`);
    case 'repeated':
      return malformed("A multipart part's Content-Disposition repeats a parameter");
    case 'syntax':
      return malformed("A multipart part's Content-Disposition has a malformed parameter");
  }
}

function malformed(message: string): NotificationError {
  return new NotificationError('MALFORMED', message);
}
