import { constantLabel, defineTable, findEntry, type KnownValueOf, type Locale } from '../table.js';

/**
 * `server_type` (wire type: string).
 * Partial table: the known values are named, any other value of the wire type is accepted.
 */
export const serverTypeTable = defineTable({
  name: 'server_type',
  wireType: 'string',
  complete: false,
  entries: [
    { value: 'add_special_rent_order', en: 'Create order', zh: null },
    { value: 'upload_attachment', en: 'Upload attachment', zh: null },
    { value: 'get_special_pay_url', en: 'Get payment URL', zh: null },
    { value: 'batch_special_query_order_info', en: 'Batch query orders', zh: null },
    { value: 'get_rate', en: 'Get exchange rate', zh: null },
    { value: 'merchant_jump_place_order', en: 'Redirect-to-ET order (Chinese docs only)', zh: null },
  ],
});

/** The `server_type` values the provider has published. */
export type KnownServerType = KnownValueOf<typeof serverTypeTable>;
/** A value of `server_type`: a known one, or any other string (the table is incomplete). */
export type ServerType = KnownServerType | (string & {});

/** Whether `value` is a known `server_type` value (strict: no text-to-number conversion). */
export function isKnownServerType(value: unknown): value is KnownServerType {
  return findEntry(serverTypeTable, value) !== undefined;
}

/**
 * Label of a value of `server_type`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function serverTypeLabel(value: KnownServerType, locale?: Locale): string;
export function serverTypeLabel(value: unknown, locale?: Locale): string | undefined;
export function serverTypeLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(serverTypeTable, value, locale);
}
