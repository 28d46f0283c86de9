import { parseKnownIntegerConstant } from '../parse.js';
import { constantLabel, defineTable, findEntry, type KnownValueOf, type Locale } from '../table.js';
import { payResultSpec } from './spec-tables.generated.js';

/**
 * `pay_result` (wire type: int).
 * Complete table: the type is a closed union.
 */
export const payResultTable = defineTable(payResultSpec);

/** A value of `pay_result`: the table is complete, so only these values exist. */
export type PayResult = KnownValueOf<typeof payResultTable>;

/** Whether `value` is a known `pay_result` value (strict: no text-to-number conversion). */
export function isKnownPayResult(value: unknown): value is PayResult {
  return findEntry(payResultTable, value) !== undefined;
}

/**
 * Label of a value of `pay_result`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function payResultLabel(value: PayResult, locale?: Locale): string;
export function payResultLabel(value: unknown, locale?: Locale): string | undefined;
export function payResultLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(payResultTable, value, locale);
}

/**
 * Reads a value of `pay_result` sent as a number (`1`) or as decimal text (`"1"`).
 * @throws {InvalidConstantError} `INVALID_CONSTANT` for anything but a canonical integer of this table.
 */
export function parsePayResult(value: number | string): PayResult {
  return parseKnownIntegerConstant(payResultTable, value);
}
