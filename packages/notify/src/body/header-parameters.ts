/** Why a parameter list was refused; each caller turns it into its own coded error. */
export type ParameterFailure = 'too-many' | 'repeated' | 'syntax';

export interface ParameterRules {
  /** Most parameters read; one more is refused ('too-many'). */
  maxParameters: number;
  /**
   * Whether `\x` in a quoted value stands for `x` (RFC 9110 §5.6.4, Content-Type). Multipart field names do not
   * use it: senders percent-encode `"` there instead (HTML's form encoding), so a backslash is a literal one.
   */
  quotedPairs: boolean;
}

/**
 * Reads `*( OWS ";" OWS name "=" ( token / quoted-string ) )` from `text`, starting at the `;` at `from`, into
 * lower-cased names and their values. One pass, each character looked at once. A stray `;` and a parameter
 * without `=` are skipped (as before); a repeated name is refused, since two readers could keep different ones.
 */
export function readParameters(
  text: string,
  from: number,
  rules: ParameterRules,
  fail: (failure: ParameterFailure) => Error,
): Map<string, string> {
  const parameters = new Map<string, string>();
  const length = text.length;
  let i = from;
  while (i < length) {
    // Here text[i] is `;`.
    const nameStart = skipWhitespace(text, i + 1);
    let nameEnd = nameStart;
    while (nameEnd < length && !isSeparator(text.charCodeAt(nameEnd))) nameEnd++;
    if (nameEnd === length || text.charCodeAt(nameEnd) === SEMICOLON) {
      i = nameEnd; // `; ;` or `; flag`: nothing to read
      continue;
    }
    const name = text.slice(nameStart, nameEnd).trim().toLowerCase();
    if (name === '') throw fail('syntax');
    const valueStart = skipWhitespace(text, nameEnd + 1);
    let value: string;
    if (text.charCodeAt(valueStart) === QUOTE) {
      const quoted = readQuoted(text, valueStart + 1, rules.quotedPairs);
      if (quoted === undefined) throw fail('syntax');
      value = quoted.value;
      i = skipWhitespace(text, quoted.end);
      if (i < length && text.charCodeAt(i) !== SEMICOLON) throw fail('syntax');
    } else {
      i = valueStart;
      while (i < length && text.charCodeAt(i) !== SEMICOLON) i++;
      value = text.slice(valueStart, i).trim();
    }
    if (parameters.has(name)) throw fail('repeated');
    if (parameters.size >= rules.maxParameters) throw fail('too-many');
    parameters.set(name, value);
  }
  return parameters;
}

const SEMICOLON = 0x3b;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isSeparator(c: number): boolean {
  return c === SEMICOLON || c === EQUALS;
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  for (let c = text.charCodeAt(i); c === 0x20 || c === 0x09; c = text.charCodeAt(i)) i++;
  return i;
}

/** The quoted-string whose content starts at `from`: its value and the position after the closing quote. */
function readQuoted(text: string, from: number, quotedPairs: boolean): { value: string; end: number } | undefined {
  let value = '';
  let runStart = from;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return { value: value + text.slice(runStart, i), end: i + 1 };
    if (c === BACKSLASH && quotedPairs && i + 1 < text.length) {
      // Runs are joined only at escapes, and the callers bound the header's length: no per-character copying.
      value += text.slice(runStart, i);
      runStart = i + 1;
      i++;
    }
  }
  return undefined; // no closing quote
}
