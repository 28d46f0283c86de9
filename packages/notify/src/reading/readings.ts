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
 * The cost is bounded: the string is scanned once (natively) for boundaries, `&name=`; one with more than 96 of
 * them (64 fields and 32 more inside free text) is `exhausted` at once; otherwise the walk takes at most
 * `64 + 8 × c` steps over the `c` boundaries (a step: one field taken, or one end tried for a free text), over
 * readings of at most 64 fields, and reports `exhausted` when it runs out. The caller treats that as "in doubt".
 */
export function countReadings(
  signed: string,
  rule: NotificationRule,
  fits: (fields: WireFields) => boolean,
): ReadingCount {
  // Where a field may start: the beginning, and after every `&` followed by `name=` (found by one native scan;
  // the `&`s between are never visited).
  const starts: number[] = [];
  const names: string[] = [];
  const first = /^[A-Za-z0-9_]+=/.exec(signed);
  if (first === null) return { fitting: 0, possible: 0, exhausted: false };
  starts.push(0);
  names.push(first[0].slice(0, -1));
  for (const match of signed.matchAll(BOUNDARY)) {
    starts.push(match.index + 1);
    names.push(match[1]!);
    // Genuine free text holds a few `&name=` at most (a URL's query): past that many, give up before walking.
    if (starts.length > MAX_FIELDS + MAX_INNER_BOUNDARIES) return { fitting: 0, possible: 0, exhausted: true };
  }
  const count = starts.length;

  let steps = 64 + 8 * count;
  let fitting = 0;
  let possible = 0;
  let exhausted = false;
  const chosen: Array<[string, string]> = [];
  const used = new Set<string>();

  // Whether the value after boundary i holds no `&` before the next boundary (or the end): the same for every
  // reading that reaches i, so each span is scanned once (1 yes, 2 no, 0 not yet known).
  const plainSpan = new Int8Array(count);
  const endsAtNextBoundary = (i: number): boolean => {
    if (plainSpan[i] === 0) {
      const valueStart = starts[i]! + names[i]!.length + 1;
      const end = signed.indexOf('&', valueStart);
      plainSpan[i] = (i + 1 === count ? end === -1 : end + 1 === starts[i + 1]) ? 1 : 2;
    }
    return plainSpan[i] === 1;
  };

  const done = () => exhausted || fitting >= 2;
  const spend = (): boolean => {
    if (--steps >= 0) return true;
    exhausted = true;
    return false;
  };

  /** Takes `name` with the value from `valueStart` up to the `&` before boundary `next` (or the end). */
  const take = (name: string, valueStart: number, next: number): void => {
    chosen.push([name, signed.slice(valueStart, next === count ? signed.length : starts[next]! - 1)]);
    walk(next, name);
    chosen.pop();
  };

  /** Extends the reading with a field starting at boundary i; `previous` is the last name taken. */
  const walk = (i: number, previous: string | undefined): void => {
    if (done() || !spend()) return;
    if (i === count) {
      judge();
      return;
    }
    const name = names[i]!;
    if (name === 'sign' || chosen.length === MAX_FIELDS) return;
    if (rule === 'v2' ? previous !== undefined && !(name > previous) : used.has(name)) return;
    const valueStart = starts[i]! + name.length + 1;
    used.add(name);
    if (!FREE_TEXT_FIELDS.has(name)) {
      // `&`-free: the value ends at the next `&`, which must then be the next boundary (or there is none).
      if (endsAtNextBoundary(i)) take(name, valueStart, i + 1);
    } else {
      // Free text may end before any later boundary, or run to the end.
      for (let next = i + 1; next < count && !done(); next++) {
        if (!spend()) break;
        if (rule === 'v2' && !(names[next]! > name)) continue; // that field could not follow this one
        take(name, valueStart, next);
      }
      if (!done()) take(name, valueStart, count);
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
/** `&name=` boundaries beyond the fields' own that a string may hold before it is in doubt without a walk. */
const MAX_INNER_BOUNDARIES = 32;

/** `&`, a field name and `=`: where a field may start. */
const BOUNDARY = /&([A-Za-z0-9_]+)=/g;

function isNameCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x5f // _
  );
}
