import { constantLabel, defineTable, findEntry, type KnownValueOf, type Locale } from '../table.js';
import { statusCodeSpec } from './spec-tables.generated.js';

/**
 * `status_code` (wire type: string).
 * Partial table: the known values are named, any other value of the wire type is accepted.
 */
export const statusCodeTable = defineTable(statusCodeSpec);

/** The `status_code` values the provider has published. */
export type KnownStatusCode = KnownValueOf<typeof statusCodeTable>;
/** A value of `status_code`: a known one, or any other string (the table is incomplete). */
export type StatusCode = KnownStatusCode | (string & {});

/** Whether `value` is a known `status_code` value (strict: no text-to-number conversion). */
export function isKnownStatusCode(value: unknown): value is KnownStatusCode {
  return findEntry(statusCodeTable, value) !== undefined;
}

/**
 * Label of a value of `status_code`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function statusCodeLabel(value: KnownStatusCode, locale?: Locale): string;
export function statusCodeLabel(value: unknown, locale?: Locale): string | undefined;
export function statusCodeLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(statusCodeTable, value, locale);
}
