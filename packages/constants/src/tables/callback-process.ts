import { parseKnownIntegerConstant } from '../parse.js';
import { constantLabel, defineTable, findEntry, type KnownValueOf, type Locale } from '../table.js';
import { callbackProcessSpec } from './spec-tables.generated.js';

/**
 * `callback_process` (wire type: int).
 * Complete table: the type is a closed union.
 */
export const callbackProcessTable = defineTable(callbackProcessSpec);

/** A value of `callback_process`: the table is complete, so only these values exist. */
export type CallbackProcess = KnownValueOf<typeof callbackProcessTable>;

/** Whether `value` is a known `callback_process` value (strict: no text-to-number conversion). */
export function isKnownCallbackProcess(value: unknown): value is CallbackProcess {
  return findEntry(callbackProcessTable, value) !== undefined;
}

/**
 * Label of a value of `callback_process`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function callbackProcessLabel(value: CallbackProcess, locale?: Locale): string;
export function callbackProcessLabel(value: unknown, locale?: Locale): string | undefined;
export function callbackProcessLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(callbackProcessTable, value, locale);
}

/**
 * Reads a value of `callback_process` sent as a number (`1`) or as decimal text (`"1"`).
 * @throws {InvalidConstantError} `INVALID_CONSTANT` for anything but a canonical integer of this table.
 */
export function parseCallbackProcess(value: number | string): CallbackProcess {
  return parseKnownIntegerConstant(callbackProcessTable, value);
}
