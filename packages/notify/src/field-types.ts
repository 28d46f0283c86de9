import { NotificationError } from './errors.js';
import type { DecimalString, EtDateTime } from './notification-types.js';

/** ET writes notification times in China Standard Time, which has no daylight saving. */
export const ET_UTC_OFFSET_MINUTES = 480;

const DECIMAL = /^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

export function readDecimal(text: string, field: string): DecimalString {
  if (!DECIMAL.test(text)) {
    throw new NotificationError('MALFORMED', `The field ${field} is not a non-negative decimal number`);
  }
  return text;
}

/** Reads `YYYY-MM-DD HH:mm:ss` strictly (a real calendar date, 00:00:00–23:59:59) as UTC+8. */
export function readEtDateTime(text: string, field: string): EtDateTime {
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const wellFormed =
    text.length === 19 &&
    text[4] === '-' &&
    text[7] === '-' &&
    text[10] === ' ' &&
    text[13] === ':' &&
    text[16] === ':' &&
    year >= 1000 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59;
  if (!wellFormed) {
    throw new NotificationError('MALFORMED', `The field ${field} is not a time of the form YYYY-MM-DD HH:mm:ss`);
  }
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
  return { text, instant: new Date(wallClock - ET_UTC_OFFSET_MINUTES * 60_000) };
}

/** The number written by `length` ASCII digits at `start`, or -1 if any of them is not a digit. */
function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
