import { constantLabel, defineTable, findEntry, type Locale } from '../table.js';
import { genderSpec } from './spec-tables.generated.js';

/**
 * `gender` (wire type: UNKNOWN).
 * No value is published yet: the type accepts any value of the wire type.
 */
export const genderTable = defineTable(genderSpec);

/** No `gender` value is published yet. */
export type KnownGender = never;
/** A value of `gender`: its wire type is not documented, so strings and numbers are both accepted. */
export type Gender = string | number;

/** Whether `value` is a known `gender` value (strict: no text-to-number conversion). */
export function isKnownGender(value: unknown): value is KnownGender {
  return findEntry(genderTable, value) !== undefined;
}

/**
 * Label of a value of `gender`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function genderLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(genderTable, value, locale);
}
