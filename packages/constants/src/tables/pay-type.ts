import { constantLabel, defineTable, findEntry, type Locale } from '../table.js';
import { payTypeSpec } from './spec-tables.generated.js';

/**
 * `pay_type` (wire type: UNKNOWN).
 * No value is published yet: the type accepts any value of the wire type.
 */
export const payTypeTable = defineTable(payTypeSpec);

/** No `pay_type` value is published yet. */
export type KnownPayType = never;
/** A value of `pay_type`: its wire type is not documented, so strings and numbers are both accepted. */
export type PayType = string | number;

/** Whether `value` is a known `pay_type` value (strict: no text-to-number conversion). */
export function isKnownPayType(value: unknown): value is KnownPayType {
  return findEntry(payTypeTable, value) !== undefined;
}

/**
 * Label of a value of `pay_type`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function payTypeLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(payTypeTable, value, locale);
}
