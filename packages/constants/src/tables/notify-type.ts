import { constantLabel, defineTable, findEntry, type KnownValueOf, type Locale } from '../table.js';
import { notifyTypeSpec } from './spec-tables.generated.js';

/**
 * `notify_type` (wire type: string).
 * Partial table: the known values are named, any other value of the wire type is accepted.
 */
export const notifyTypeTable = defineTable(notifyTypeSpec);

/** The `notify_type` values the provider has published. */
export type KnownNotifyType = KnownValueOf<typeof notifyTypeTable>;
/** A value of `notify_type`: a known one, or any other string (the table is incomplete). */
export type NotifyType = KnownNotifyType | (string & {});

/** Whether `value` is a known `notify_type` value (strict: no text-to-number conversion). */
export function isKnownNotifyType(value: unknown): value is KnownNotifyType {
  return findEntry(notifyTypeTable, value) !== undefined;
}

/**
 * Label of a value of `notify_type`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function notifyTypeLabel(value: KnownNotifyType, locale?: Locale): string;
export function notifyTypeLabel(value: unknown, locale?: Locale): string | undefined;
export function notifyTypeLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(notifyTypeTable, value, locale);
}
