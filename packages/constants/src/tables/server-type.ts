import { constantLabel, defineTable, findEntry, type KnownValueOf, type Locale } from '../table.js';
import { serverTypeRows } from './server-type.generated.js';

/**
 * `server_type` (wire type: string).
 * Partial table: the known values are named, any other value of the wire type is accepted.
 */
export const serverTypeTable = defineTable({
  name: 'server_type',
  wireType: 'string',
  complete: false,
  // The rows come from the operation registry of packages/openapi/openapi.yaml (`pnpm generate`).
  entries: serverTypeRows,
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
