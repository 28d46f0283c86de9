import { decimalAmountPattern } from '@etkit/openapi';
import { ValidationError } from './errors.js';
import { WireNumber } from './wire-json.js';

// Amounts are decimal strings in etkit's public types. ET's request fields are JSON numbers: a decimal is
// written as a JSON number with exactly its text (see wire-json.ts). Response numbers are handed back as text.

// The rule of openapi.yaml's `DecimalAmount`.
const decimalPattern = new RegExp(decimalAmountPattern);

/** Whether `text` is a plain decimal (`10000.00`, `-3`, `0.5`): no exponent, no leading zeros or `+`. */
export function isDecimalText(text: string): boolean {
  return decimalPattern.test(text);
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
    const copy = keepNumeric.has(name) && typeof field === 'number' ? field : numbersToDecimalText(field, keepNumeric);
    setOwnField(out, name, copy);
  }
  return out;
}

/**
 * A decimal amount for a payload field the OpenAPI document does not type (the open payloads of `applyRefund`,
 * `estimateAmount`, `getRate`, `call`, or `extraFields`): it goes on the wire as a JSON number with exactly this
 * text (`decimalNumber('100.10')` → `100.10`), never through a binary float as a JS number would. Documented
 * decimal fields (e.g. `tuituon`) take the decimal string directly. VALIDATION for text that is not a plain decimal.
 */
export function decimalNumber(text: string): WireNumber {
  if (typeof text !== 'string' || !isDecimalText(text)) {
    throw new ValidationError('decimalNumber', 'decimal', 'must be a decimal string such as "10000.00"', {});
  }
  return new WireNumber(text);
}

/**
 * `target[name] = value`, except that a field named `__proto__` (JSON.parse makes it an own field) is defined, so
 * it stays a field instead of setting the prototype. Plain assignment for every other name, V8's fast path.
 */
export function setOwnField(target: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__')
    Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  else target[name] = value;
}
