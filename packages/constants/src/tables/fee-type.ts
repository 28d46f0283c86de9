import { parseIntegerConstant } from '../parse.js';
import { constantLabel, defineTable, findEntry, type KnownValueOf, type Locale } from '../table.js';
import { feeTypeSpec } from './spec-tables.generated.js';

/**
 * `fee_type` (wire type: int).
 * Partial table: the known values are named, any other value of the wire type is accepted.
 */
export const feeTypeTable = defineTable(feeTypeSpec);

/** The `fee_type` values the provider has published. */
export type KnownFeeType = KnownValueOf<typeof feeTypeTable>;
/** A value of `fee_type`: a known one, or any other number (the table is incomplete). */
export type FeeType = KnownFeeType | (number & {});

/** Whether `value` is a known `fee_type` value (strict: no text-to-number conversion). */
export function isKnownFeeType(value: unknown): value is KnownFeeType {
  return findEntry(feeTypeTable, value) !== undefined;
}

/**
 * Label of a value of `fee_type`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function feeTypeLabel(value: KnownFeeType, locale?: Locale): string;
export function feeTypeLabel(value: unknown, locale?: Locale): string | undefined;
export function feeTypeLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(feeTypeTable, value, locale);
}

/**
 * Reads a value of `fee_type` sent as a number (`7`) or as decimal text (`"7"`). The table is incomplete, so any
 * integer is accepted.
 * @throws {InvalidConstantError} `INVALID_CONSTANT` for anything but a canonical integer.
 */
export function parseFeeType(value: number | string): FeeType {
  return parseIntegerConstant(feeTypeTable.name, value);
}
