import { constantLabel, defineTable, findEntry, type KnownValueOf, type Locale } from '../table.js';
import { currencyCodeSpec } from './spec-tables.generated.js';

/**
 * `currency_code` (wire type: string (ISO 4217 style)).
 * Partial table: the known values are named, any other value of the wire type is accepted.
 *
 * Table not public. The payment notification's documented default is 'RMB' (not the ISO code CNY); the worked example uses GBP.
 */
export const currencyCodeTable = defineTable(currencyCodeSpec);

/** The `currency_code` values the provider has published. */
export type KnownCurrencyCode = KnownValueOf<typeof currencyCodeTable>;
/** A value of `currency_code`: a known one, or any other string (the table is incomplete). */
export type CurrencyCode = KnownCurrencyCode | (string & {});

/** Whether `value` is a known `currency_code` value (strict: no text-to-number conversion). */
export function isKnownCurrencyCode(value: unknown): value is KnownCurrencyCode {
  return findEntry(currencyCodeTable, value) !== undefined;
}

/**
 * Label of a value of `currency_code`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function currencyCodeLabel(value: KnownCurrencyCode, locale?: Locale): string;
export function currencyCodeLabel(value: unknown, locale?: Locale): string | undefined;
export function currencyCodeLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(currencyCodeTable, value, locale);
}
