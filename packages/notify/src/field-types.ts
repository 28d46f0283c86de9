import { NotificationError } from './errors.js';

/**
 * An amount exactly as ET wrote it: non-negative decimal text such as `10000.00` or `120.5`. Never a binary
 * float; compare and add with a decimal library or integer minor units.
 */
export type DecimalString = string;

/** A notification time: the wire text (`YYYY-MM-DD HH:mm:ss`, Beijing time) and the instant it names. */
export interface EtDateTime {
  /** Exactly as received, e.g. `2026-11-28 10:00:00`. */
  readonly text: string;
  /** The same moment as a Date; ET's times are UTC+8 (PROTOCOL.md §8). */
  readonly instant: Date;
}

/** ET writes notification times in China Standard Time, which has no daylight saving. */
export const ET_UTC_OFFSET_MINUTES = 480;

const DECIMAL = /^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
const DATE_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})$/;

export function readDecimal(text: string, field: string): DecimalString {
  if (!DECIMAL.test(text)) {
    throw new NotificationError('MALFORMED', `The field ${field} is not a non-negative decimal number`);
  }
  return text;
}

export function readEtDateTime(text: string, field: string): EtDateTime {
  const match = DATE_TIME.exec(text);
  if (match !== null) {
    const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
    const check = new Date(wallClock);
    // Date.UTC rolls 2026-02-30 over into March: a round trip catches impossible dates and times.
    if (
      check.getUTCFullYear() === year &&
      check.getUTCMonth() === month - 1 &&
      check.getUTCDate() === day &&
      check.getUTCHours() === hour &&
      check.getUTCMinutes() === minute &&
      check.getUTCSeconds() === second
    ) {
      return { text, instant: new Date(wallClock - ET_UTC_OFFSET_MINUTES * 60_000) };
    }
  }
  throw new NotificationError('MALFORMED', `The field ${field} is not a time of the form YYYY-MM-DD HH:mm:ss`);
}
