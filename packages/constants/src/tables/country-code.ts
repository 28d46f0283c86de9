import { constantLabel, defineTable, findEntry, type KnownValueOf, type Locale } from '../table.js';

/**
 * `country_code` (wire type: string (ISO 3166-1 alpha-3)).
 * Partial table: the known values are named, any other value of the wire type is accepted.
 *
 * The provider's list is a subset of ISO 3166-1 alpha-3 with its own English names; the rows below are those the public page showed before it was cut off.
 */
export const countryCodeTable = defineTable({
  name: 'country_code',
  wireType: 'string',
  complete: false,
  entries: [
    { value: 'GBR', en: 'The United Kingdom', zh: null },
    { value: 'USA', en: 'America', zh: null },
    { value: 'ESP', en: 'Spain', zh: null },
    { value: 'SWE', en: 'Sweden', zh: null },
    { value: 'CAN', en: 'Canada', zh: null },
    { value: 'PRT', en: 'Portugal', zh: null },
    { value: 'AUS', en: 'Australia', zh: null },
    { value: 'JPN', en: 'Japan', zh: null },
    { value: 'DEU', en: 'Germany', zh: null },
    { value: 'DNK', en: 'Denmark', zh: null },
    { value: 'FRA', en: 'France', zh: null },
    { value: 'NLD', en: 'Netherlands', zh: null },
    { value: 'HKG', en: 'Hong Kong, China, SAR', zh: null },
    { value: 'ITA', en: 'Italy', zh: null },
    { value: 'CHE', en: 'Switzerland', zh: null },
    { value: 'HUN', en: 'Hungary', zh: null },
    { value: 'SGP', en: 'Singapore', zh: null },
    { value: 'IRL', en: 'Ireland', zh: null },
    { value: 'FIN', en: 'Finland', zh: null },
    { value: 'KOR', en: 'Republic of Korea', zh: null },
    { value: 'NZL', en: 'New Zealand', zh: null },
    { value: 'BEL', en: 'The Kingdom Of Belgium', zh: null },
    { value: 'THA', en: 'Thailand', zh: null },
    { value: 'MYS', en: 'Malaysia', zh: null },
    { value: 'TWN', en: 'Taiwan China', zh: null },
    { value: 'LTU', en: 'Republic of Lithuania', zh: null },
    { value: 'MAC', en: 'Macao China SAR', zh: null },
    { value: 'CHN', en: 'China', zh: null },
    { value: 'JOR', en: 'The Hashemite Kingdom of Jordan', zh: null },
    { value: 'MLT', en: 'Malta', zh: null },
    { value: 'POL', en: 'Poland', zh: null },
    { value: 'AUT', en: 'Austria', zh: null },
    { value: 'VNM', en: 'Vietnam', zh: null },
    { value: 'CZE', en: 'Czech Republic', zh: null },
    { value: 'EST', en: 'Estonia', zh: null },
    { value: 'ARE', en: 'United Arab Emirates', zh: null },
    { value: 'CYP', en: 'Cyprus', zh: null },
    { value: 'LUX', en: 'Luxembourg', zh: null },
  ],
});

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
