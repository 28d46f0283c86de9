import { InvalidConstantError } from './errors.js';
import { type ConstantTable, findEntry } from './table.js';

// Canonical decimal integer text: optional minus, no leading zeros, no sign on zero, no spaces, no fraction.
// Canonical text only, so that `String(parsed) === text` and the wire text is never silently rewritten.
const CANONICAL_INTEGER = /^(?:0|-?[1-9][0-9]{0,15})$/;

/**
 * Reads an integer constant that may arrive as a number (`1`) or as its decimal text (`"1"`, as in ET's
 * status-change notifications). Rejects anything else with {@link InvalidConstantError}: `"1.0"`, `" 1"`, `""`,
 * `"01"`, `"abc"`, `1.5`, `NaN`, unsafe integers and non-string, non-number inputs.
 */
export function parseIntegerConstant(tableName: string, value: unknown): number {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value === 0 ? 0 : value; // folds -0 into 0
  } else if (typeof value === 'string' && CANONICAL_INTEGER.test(value)) {
    const parsed = Number(value);
    if (Number.isSafeInteger(parsed)) return parsed;
  }
  throw new InvalidConstantError(tableName, 'not-an-integer', value);
}

/** {@link parseIntegerConstant}, then the value must be a row of the (complete) table. */
export function parseKnownIntegerConstant<V extends number>(table: ConstantTable<V>, value: unknown): V {
  const parsed = parseIntegerConstant(table.name, value);
  const entry = findEntry(table, parsed);
  if (entry === undefined) throw new InvalidConstantError(table.name, 'unknown-value', value);
  return entry.value;
}
