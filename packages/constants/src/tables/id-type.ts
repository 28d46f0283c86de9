import { parseIntegerConstant } from '../parse.js';
import { constantLabel, defineTable, findEntry, type Locale } from '../table.js';
import { idTypeSpec } from './spec-tables.generated.js';

/**
 * `id_type` (wire type: int).
 * No value is published yet: the type accepts any value of the wire type.
 */
export const idTypeTable = defineTable(idTypeSpec);

/** No `id_type` value is published yet. */
export type KnownIdType = never;
/** A value of `id_type`: any number. */
export type IdType = number;

/** Whether `value` is a known `id_type` value (strict: no text-to-number conversion). */
export function isKnownIdType(value: unknown): value is KnownIdType {
  return findEntry(idTypeTable, value) !== undefined;
}

/**
 * Label of a value of `id_type`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function idTypeLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(idTypeTable, value, locale);
}

/**
 * Reads a value of `id_type` sent as a number (`7`) or as decimal text (`"7"`). The table is incomplete, so any
 * integer is accepted.
 * @throws {InvalidConstantError} `INVALID_CONSTANT` for anything but a canonical integer.
 */
export function parseIdType(value: number | string): IdType {
  return parseIntegerConstant(idTypeTable.name, value);
}
