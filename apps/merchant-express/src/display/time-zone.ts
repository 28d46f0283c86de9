/** The zone the pages show times in, and its name, printed next to every time. */
export interface DisplayTimeZone {
  /** As configured: `UTC+8`, `UTC`, or an IANA name such as `Europe/London`. */
  readonly name: string;
  /** `YYYY-MM-DD HH:mm:ss <name>`. */
  format(date: Date): string;
}

// `UTC`, `UTC+8`, `UTC-05:30`, `UTC+0530`: fixed offsets, which Node 20's Intl does not take as time zones.
const FIXED_OFFSET = /^UTC(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/;

const stamp = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');

/** Parses `DISPLAY_TIME_ZONE`; `undefined` when it is neither a fixed UTC offset nor a zone Intl knows. */
export function parseDisplayTimeZone(text: string): DisplayTimeZone | undefined {
  const fixed = FIXED_OFFSET.exec(text);
  if (fixed !== null) {
    const [, sign, hours = '0', minutes = '0'] = fixed;
    const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
    if (Number(hours) > 14 || Number(minutes) > 59) return undefined;
    return { name: text, format: (date) => `${stamp(new Date(date.getTime() + offsetMinutes * 60_000))} ${text}` };
  }
  let parts: Intl.DateTimeFormat;
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: text,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    return undefined;
  }
  return {
    name: text,
    format(date) {
      const part = Object.fromEntries(parts.formatToParts(date).map((entry) => [entry.type, entry.value]));
      return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second} ${text}`;
    },
  };
}

/** EasyTransfer's own zone (Beijing time): the sandbox's pages and ET's times use it. */
export const ET_TIME_ZONE = parseDisplayTimeZone('UTC+8') as DisplayTimeZone;
