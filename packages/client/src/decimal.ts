// Amounts are decimal strings in etkit's public types. ET's request fields are JSON numbers, so a decimal is
// sent as the number whose value equals it exactly; response numbers are handed back as their wire text.

const decimalPattern = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/** Whether `text` is a plain decimal (`10000.00`, `-3`, `0.5`): no exponent, sign only for negatives. */
export function isDecimalText(text: string): boolean {
  return decimalPattern.test(text);
}

// `10000.00` → `10000`, `-0.50` → `-0.5`, `-0` → `0`: the value, written one way.
function normalise(text: string): string {
  let [whole = '', fraction = ''] = text.split('.');
  fraction = fraction.replace(/0+$/, '');
  const negative = whole.startsWith('-');
  if (negative) whole = whole.slice(1);
  const digits = fraction ? `${whole}.${fraction}` : whole;
  return negative && digits !== '0' ? `-${digits}` : digits;
}

/**
 * The JSON number for a decimal string, or undefined when no binary double carries exactly that value
 * (e.g. `0.1000000000000000055` or `12345678901234567.89`): those are refused rather than rounded.
 */
export function decimalToWireNumber(text: string): number | undefined {
  if (!isDecimalText(text)) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  const written = String(value);
  if (written.includes('e')) return undefined;
  return normalise(written) === normalise(text) ? value : undefined;
}

/**
 * Copies a decoded response value, turning every number into its decimal text (`7.1234` → `'7.1234'`) except
 * under the field names in `keepNumeric` (integer codes such as `order_status`). Numbers that did not survive a
 * round trip are already strings holding their exact wire text (parseJsonLossless); a number that did survive
 * writes back as exactly its wire text.
 */
export function numbersToDecimalText(value: unknown, keepNumeric: ReadonlySet<string>): unknown {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((item) => numbersToDecimalText(item, keepNumeric));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    out[name] = keepNumeric.has(name) && typeof field === 'number' ? field : numbersToDecimalText(field, keepNumeric);
  }
  return out;
}
