/**
 * Every way a notification's signed string can be cut back into fields.
 *
 * The MD5 rule signs `name=value` pairs joined with `&`, escaping nothing (PROTOCOL.md §8): the signature covers
 * the joined string, not the split. Text with `&name=value` in a value ET echoes lets the same signed string be
 * offered cut at other places. This file walks those cuts; `single-reading.ts` says which of them fit the
 * protocol and what to do when more than one does.
 */
import type { NotificationRule } from '@etkit/crypto';
import type { WireFields } from '../body/wire-fields.js';

/** The fields that hold free text; every other value of a reading is `&`-free (see README, Security). */
export const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set(['extend_info', 'remittance_voucher_url']);

/** A field name the protocol can carry: ASCII letters, digits and `_` (every documented name is snake_case). */
export function isFieldName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    if (!isNameCode(name.charCodeAt(i))) return false;
  }
  return true;
}

/** How many readings were found, each count stopping at 2 (two are enough to know the reading is in doubt). */
export interface ReadingCount {
  /** Readings that fit the protocol (`fits` said yes). */
  readonly fitting: number;
  /** Readings whose shape is possible at all (names, order, `&` only in free text), fitting or not. */
  readonly possible: number;
  /** True when the walk gave up at its step budget: too many possible cuts to rule out another reading. */
  readonly exhausted: boolean;
}

/**
 * Counts the readings of `signed` (the `name=value&…` string without the salt). A reading cuts the string at
 * some of its `&` into segments `name=value`, split at the first `=`, where:
 * - every name is a field name ({@link isFieldName}) other than `sign`;
 * - names strictly ascend (rule v2, which sorts) or are distinct (rule v1, which keeps the sender's order);
 * - only a free-text field's value spans an `&`; every other value ends at the next `&`;
 * - a reading without `order_id` has no `&` in any value.
 * `fits` judges a possible reading as a notification (its kind's fields and formats).
 *
 * The cost is bounded: the walk takes at most `64 + 8 × c` steps, `c` being the number of segments that start
 * with `name=` (a step: one field taken, or one candidate end tried for a free text), readings have at most 64
 * fields (what a body may carry), and a walk that runs out of steps reports `exhausted`, which the caller treats
 * as "in doubt". Scanning the string is linear.
 */
export function countReadings(
  signed: string,
  rule: NotificationRule,
  fits: (fields: WireFields) => boolean,
): ReadingCount {
  const ampersands: number[] = [];
  for (let i = signed.indexOf('&'); i !== -1; i = signed.indexOf('&', i + 1)) ampersands.push(i);
  // Segment k starts at 0 (k = 0) or just after the k-th `&`; it may end at the k-th `&` or any later one.
  const segments = ampersands.length + 1;
  const startOf = (k: number) => (k === 0 ? 0 : ampersands[k - 1]! + 1);
  const endBefore = (j: number) => (j < ampersands.length ? ampersands[j]! : signed.length);
  const names: Array<string | null> = [];
  for (let k = 0; k < segments; k++) names.push(nameAt(signed, startOf(k)));
  // nextNamed[k]: the first segment at or after k that starts with a field name (`segments` when none), so the
  // walk steps from one possible cut to the next without visiting the `&`s between them.
  const nextNamed = new Int32Array(segments + 1);
  nextNamed[segments] = segments;
  for (let k = segments - 1; k >= 0; k--) nextNamed[k] = names[k] === null ? nextNamed[k + 1]! : k;

  let candidates = 0;
  for (const name of names) if (name !== null) candidates++;
  let steps = 64 + 8 * candidates;
  let fitting = 0;
  let possible = 0;
  let exhausted = false;
  const chosen: Array<[string, string]> = [];
  const used = new Set<string>();

  const done = () => exhausted || fitting >= 2;
  const spend = (): boolean => {
    if (--steps >= 0) return true;
    exhausted = true;
    return false;
  };

  /** Takes `name` with the value that ends after segment `last`, then walks on from the segment after it. */
  const take = (name: string, valueStart: number, last: number): void => {
    chosen.push([name, signed.slice(valueStart, endBefore(last))]);
    walk(last + 1, name);
    chosen.pop();
  };

  /** Extends the reading with a field starting at segment k; `previous` is the last name taken. */
  const walk = (k: number, previous: string | undefined): void => {
    if (done() || !spend()) return;
    if (k === segments) {
      judge();
      return;
    }
    const name = names[k];
    if (name === null || name === undefined || name === 'sign' || chosen.length === MAX_FIELDS) return;
    if (rule === 'v2' ? previous !== undefined && !(name > previous) : used.has(name)) return;
    const valueStart = startOf(k) + name.length + 1;
    used.add(name);
    if (!FREE_TEXT_FIELDS.has(name)) {
      take(name, valueStart, k); // `&`-free: the value ends at the next `&`
    } else {
      // Free text may end before any later segment that starts with a field name, or run to the end.
      for (let next = nextNamed[k + 1]!; next < segments && !done(); next = nextNamed[next + 1]!) {
        if (!spend()) break;
        if (rule === 'v2' && !(names[next]! > name)) continue; // that field could not follow this one
        take(name, valueStart, next - 1);
      }
      if (!done()) take(name, valueStart, segments - 1);
    }
    used.delete(name);
  };

  const judge = (): void => {
    const fields: Record<string, string> = Object.create(null);
    let hasAmpersand = false;
    for (const [name, value] of chosen) {
      fields[name] = value;
      if (value.includes('&')) hasAmpersand = true;
    }
    if (hasAmpersand && fields['order_id'] === undefined) return;
    possible = Math.min(possible + 1, 2);
    if (fits(fields)) fitting = Math.min(fitting + 1, 2);
  };

  walk(0, undefined);
  return { fitting, possible, exhausted };
}

/** More fields than a notification body may carry (@etkit/notify's parsers refuse more): no reading has them. */
const MAX_FIELDS = 64;

/** The field name of a segment starting at `start` (a name run ending at `=`), or null. */
function nameAt(signed: string, start: number): string | null {
  let i = start;
  while (i < signed.length && isNameCode(signed.charCodeAt(i))) i++;
  return i > start && signed.charCodeAt(i) === 0x3d /* = */ ? signed.slice(start, i) : null;
}

function isNameCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x5f // _
  );
}
