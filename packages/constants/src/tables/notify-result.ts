import { constantLabel, defineTable, findEntry, type KnownValueOf, type Locale } from '../table.js';
import { notifyResultSpec } from './spec-tables.generated.js';

/**
 * `notify_result` (wire type: string).
 * Complete table: the type is a closed union.
 */
export const notifyResultTable = defineTable(notifyResultSpec);

/** A value of `notify_result`: the table is complete, so only these values exist. */
export type NotifyResult = KnownValueOf<typeof notifyResultTable>;

/** Whether `value` is a known `notify_result` value (strict: no text-to-number conversion). */
export function isKnownNotifyResult(value: unknown): value is NotifyResult {
  return findEntry(notifyResultTable, value) !== undefined;
}

/**
 * Label of a value of `notify_result`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function notifyResultLabel(value: NotifyResult, locale?: Locale): string;
export function notifyResultLabel(value: unknown, locale?: Locale): string | undefined;
export function notifyResultLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(notifyResultTable, value, locale);
}
