import { constantLabel, defineTable, findEntry, type Locale } from '../table.js';
import { payerRelationshipSpec } from './spec-tables.generated.js';

/**
 * `payer_relationship` (wire type: UNKNOWN).
 * No value is published yet: the type accepts any value of the wire type.
 */
export const payerRelationshipTable = defineTable(payerRelationshipSpec);

/** No `payer_relationship` value is published yet. */
export type KnownPayerRelationship = never;
/** A value of `payer_relationship`: its wire type is not documented, so strings and numbers are both accepted. */
export type PayerRelationship = string | number;

/** Whether `value` is a known `payer_relationship` value (strict: no text-to-number conversion). */
export function isKnownPayerRelationship(value: unknown): value is KnownPayerRelationship {
  return findEntry(payerRelationshipTable, value) !== undefined;
}

/**
 * Label of a value of `payer_relationship`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function payerRelationshipLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(payerRelationshipTable, value, locale);
}
