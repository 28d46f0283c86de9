import { constantLabel, defineTable, findEntry, type KnownValueOf, type Locale } from '../table.js';
import { countryCodeSpec } from './spec-tables.generated.js';

/**
 * `country_code` (wire type: string (ISO 3166-1 alpha-3)).
 * Partial table: the known values are named, any other value of the wire type is accepted.
 *
 * The provider's list is a subset of ISO 3166-1 alpha-3 with its own English names; the rows below are those the public page showed before it was cut off.
 */
export const countryCodeTable = defineTable(countryCodeSpec);

/** The `country_code` values the provider has published. */
export type KnownCountryCode = KnownValueOf<typeof countryCodeTable>;
/** A value of `country_code`: a known one, or any other string (the table is incomplete). */
export type CountryCode = KnownCountryCode | (string & {});

/** Whether `value` is a known `country_code` value (strict: no text-to-number conversion). */
export function isKnownCountryCode(value: unknown): value is KnownCountryCode {
  return findEntry(countryCodeTable, value) !== undefined;
}

/**
 * Label of a value of `country_code`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function countryCodeLabel(value: KnownCountryCode, locale?: Locale): string;
export function countryCodeLabel(value: unknown, locale?: Locale): string | undefined;
export function countryCodeLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(countryCodeTable, value, locale);
}
