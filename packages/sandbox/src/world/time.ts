const beijingOffsetMs = 8 * 60 * 60 * 1000;

function beijingParts(ms: number): string[] {
  const date = new Date(ms + beijingOffsetMs);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return [
    pad(date.getUTCFullYear(), 4),
    pad(date.getUTCMonth() + 1),
    pad(date.getUTCDate()),
    pad(date.getUTCHours()),
    pad(date.getUTCMinutes()),
    pad(date.getUTCSeconds()),
  ];
}

/** `YYYY-MM-DD HH:mm:ss` in Beijing time (UTC+8), the notification time format of PROTOCOL.md §8. */
export function formatBeijingDateTime(ms: number): string {
  const [y, mo, d, h, mi, s] = beijingParts(ms);
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** `yyyyMMdd` in Beijing time, used in sandbox order ids. */
export function formatBeijingDate(ms: number): string {
  return beijingParts(ms).slice(0, 3).join('');
}

export const minute = 60_000;
export const day = 24 * 60 * minute;
