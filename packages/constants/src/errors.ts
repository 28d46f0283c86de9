/** Longest excerpt of a rejected input quoted in an error message; constant fields are short, garbage may not be. */
const EXCERPT_LIMIT = 24;

/** Why a value was rejected. */
export type InvalidConstantReason = 'not-an-integer' | 'unknown-value' | 'duplicate-value' | 'empty-label';

const EXPECTED: Record<InvalidConstantReason, string> = {
  'not-an-integer': 'an integer (a number, or its canonical decimal text such as "1" or "-1")',
  'unknown-value': 'one of the values the protocol defines',
  'duplicate-value': 'a code not already in the table (published or given before)',
  'empty-label': 'a code with a non-empty label',
};

/** A value that is not a valid member of a constant table. */
export class InvalidConstantError extends Error {
  readonly code = 'INVALID_CONSTANT' as const;
  /** Protocol name of the table, e.g. `order_status`. */
  readonly table: string;
  readonly reason: InvalidConstantReason;

  constructor(table: string, reason: InvalidConstantReason, received: unknown) {
    const expected = EXPECTED[reason];
    super(`Invalid ${table}: expected ${expected}, received ${describe(received)}`);
    this.name = 'InvalidConstantError';
    this.table = table;
    this.reason = reason;
  }
}

/** A short, safe description of the rejected input: its type and a bounded excerpt, never the whole of it. */
function describe(received: unknown): string {
  if (typeof received === 'string') {
    const excerpt = received.length > EXCERPT_LIMIT ? `${received.slice(0, EXCERPT_LIMIT)}…` : received;
    const suffix = received.length > EXCERPT_LIMIT ? ` (${received.length} characters)` : '';
    return `string ${JSON.stringify(excerpt)}${suffix}`;
  }
  if (typeof received === 'number' || typeof received === 'bigint' || typeof received === 'boolean') {
    return `${typeof received} ${String(received)}`;
  }
  if (received === null) return 'null';
  if (Array.isArray(received)) return 'an array';
  return typeof received === 'object' ? 'an object' : typeof received;
}

/**
 * Whether `error` is an {@link InvalidConstantError}, also when it comes from another copy of this package (two
 * versions installed side by side make `instanceof` fail).
 */
export function isInvalidConstantError(error: unknown): error is InvalidConstantError {
  return (
    error instanceof InvalidConstantError ||
    (error instanceof Error && (error as { code?: unknown }).code === 'INVALID_CONSTANT' && 'table' in error)
  );
}
