import { parseKnownIntegerConstant } from '../parse.js';
import { constantLabel, defineTable, findEntry, type KnownValueOf, type Locale } from '../table.js';
import { orderStatusSpec } from './spec-tables.generated.js';

/**
 * `order_status` (wire type: int (sent as a numeric string in status-change notifications)).
 * Complete table: the type is a closed union.
 */
export const orderStatusTable = defineTable(orderStatusSpec);

/** A value of `order_status`: the table is complete, so only these values exist. */
export type OrderStatus = KnownValueOf<typeof orderStatusTable>;

/** Whether `value` is a known `order_status` value (strict: no text-to-number conversion). */
export function isKnownOrderStatus(value: unknown): value is OrderStatus {
  return findEntry(orderStatusTable, value) !== undefined;
}

/**
 * Label of a value of `order_status`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function orderStatusLabel(value: OrderStatus, locale?: Locale): string;
export function orderStatusLabel(value: unknown, locale?: Locale): string | undefined;
export function orderStatusLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(orderStatusTable, value, locale);
}

/**
 * Reads a value of `order_status` sent as a number (`1`) or as decimal text (`"1"`).
 * @throws {InvalidConstantError} `INVALID_CONSTANT` for anything but a canonical integer of this table.
 */
export function parseOrderStatus(value: number | string): OrderStatus {
  return parseKnownIntegerConstant(orderStatusTable, value);
}
