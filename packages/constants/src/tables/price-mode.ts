import { parseIntegerConstant } from '../parse.js';
import { constantLabel, defineTable, findEntry, type Locale } from '../table.js';
import { priceModeSpec } from './spec-tables.generated.js';

/**
 * `price_mode` (wire type: int).
 * No value is published yet: the type accepts any value of the wire type.
 */
export const priceModeTable = defineTable(priceModeSpec);

/** No `price_mode` value is published yet. */
export type KnownPriceMode = never;
/** A value of `price_mode`: any number. */
export type PriceMode = number;

/** Whether `value` is a known `price_mode` value (strict: no text-to-number conversion). */
export function isKnownPriceMode(value: unknown): value is KnownPriceMode {
  return findEntry(priceModeTable, value) !== undefined;
}

/**
 * Label of a value of `price_mode`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function priceModeLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(priceModeTable, value, locale);
}

/**
 * Reads a value of `price_mode` sent as a number (`7`) or as decimal text (`"7"`). The table is incomplete, so any
 * integer is accepted.
 * @throws {InvalidConstantError} `INVALID_CONSTANT` for anything but a canonical integer.
 */
export function parsePriceMode(value: number | string): PriceMode {
  return parseIntegerConstant(priceModeTable.name, value);
}
