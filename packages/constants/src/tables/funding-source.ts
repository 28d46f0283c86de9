import { constantLabel, defineTable, findEntry, type Locale } from '../table.js';
import { fundingSourceSpec } from './spec-tables.generated.js';

/**
 * `funding_source` (wire type: UNKNOWN).
 * No value is published yet: the type accepts any value of the wire type.
 */
export const fundingSourceTable = defineTable(fundingSourceSpec);

/** No `funding_source` value is published yet. */
export type KnownFundingSource = never;
/** A value of `funding_source`: its wire type is not documented, so strings and numbers are both accepted. */
export type FundingSource = string | number;

/** Whether `value` is a known `funding_source` value (strict: no text-to-number conversion). */
export function isKnownFundingSource(value: unknown): value is KnownFundingSource {
  return findEntry(fundingSourceTable, value) !== undefined;
}

/**
 * Label of a value of `funding_source`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function fundingSourceLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(fundingSourceTable, value, locale);
}
