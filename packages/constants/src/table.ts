/** Label language. `zh` labels exist only where the provider published one; see {@link constantLabel}. */
export type Locale = 'en' | 'zh';

/**
 * How a table's values travel on the wire, as constants.json states it. `unknown` means the provider never
 * said, so the SDK accepts both strings and numbers.
 */
export type WireType = 'string' | 'int' | 'unknown';

/** One row of a constant table: the wire value and its labels as published by the provider. */
export interface ConstantEntry<V extends string | number = string | number> {
  readonly value: V;
  /** English label as published by the provider. */
  readonly en: string;
  /** Chinese label where the provider gave one, else `null` (never invented). */
  readonly zh: string | null;
}

/** A constant table of the EasyTransfer Open API. */
export interface ConstantTable<V extends string | number = string | number> {
  /** The table's name in the protocol (snake_case, e.g. `order_status`). */
  readonly name: string;
  readonly wireType: WireType;
  /**
   * `true` when the provider published the whole table: its TypeScript type is a closed union.
   * `false` when only part of it is known: its type stays open (any value of the wire type).
   */
  readonly complete: boolean;
  /** The known rows, in the provider's order. */
  readonly entries: readonly ConstantEntry<V>[];
}

/** Value type of a table's known rows. */
export type KnownValueOf<T extends ConstantTable> = T['entries'][number]['value'];

/** Declares a table; the `const` type parameter keeps every value as a literal type. */
export function defineTable<const V extends string | number, const T extends ConstantTable<V>>(table: T): T {
  return Object.freeze({ ...table, entries: Object.freeze(table.entries.map((entry) => Object.freeze({ ...entry }))) });
}

// One index per table, built on first use so that importing a table costs nothing until it is queried.
const indexes = new WeakMap<ConstantTable, Map<unknown, ConstantEntry>>();

/** The row for `value`, or `undefined`. Strict: `1` and `"1"` are different values (use a parser for text). */
export function findEntry<V extends string | number>(
  table: ConstantTable<V>,
  value: unknown,
): ConstantEntry<V> | undefined {
  // A Map matches -0 to a 0 row (SameValueZero); -0 is no wire value of any table, so it is not known.
  if (Object.is(value, -0)) return undefined;
  let index = indexes.get(table);
  if (index === undefined) {
    index = new Map(table.entries.map((entry) => [entry.value, entry]));
    indexes.set(table, index);
  }
  return index.get(value) as ConstantEntry<V> | undefined;
}

/**
 * The label of `value` in `locale`. Falls back to the English label when the provider published no Chinese one
 * (the row's `zh` stays `null` for callers who need to know), and returns `undefined` for a value the table does
 * not know — an open table may legitimately carry such values, and the caller decides how to show them.
 */
export function constantLabel(table: ConstantTable, value: unknown, locale: Locale = 'en'): string | undefined {
  const entry = findEntry(table, value);
  if (entry === undefined) return undefined;
  return locale === 'zh' ? (entry.zh ?? entry.en) : entry.en;
}
