import { parseKnownIntegerConstant } from '../parse.js';
import { constantLabel, defineTable, findEntry, type KnownValueOf, type Locale } from '../table.js';
import { refundResultSpec } from './spec-tables.generated.js';

/**
 * `refund_result` (wire type: int).
 * Complete table: the type is a closed union.
 */
export const refundResultTable = defineTable(refundResultSpec);

/** A value of `refund_result`: the table is complete, so only these values exist. */
export type RefundResult = KnownValueOf<typeof refundResultTable>;

/** Whether `value` is a known `refund_result` value (strict: no text-to-number conversion). */
export function isKnownRefundResult(value: unknown): value is RefundResult {
  return findEntry(refundResultTable, value) !== undefined;
}

/**
 * Label of a value of `refund_result`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function refundResultLabel(value: RefundResult, locale?: Locale): string;
export function refundResultLabel(value: unknown, locale?: Locale): string | undefined;
export function refundResultLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(refundResultTable, value, locale);
}

/**
 * Reads a value of `refund_result` sent as a number (`1`) or as decimal text (`"1"`).
 * @throws {InvalidConstantError} `INVALID_CONSTANT` for anything but a canonical integer of this table.
 */
export function parseRefundResult(value: number | string): RefundResult {
  return parseKnownIntegerConstant(refundResultTable, value);
}
