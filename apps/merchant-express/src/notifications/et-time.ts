/** ET writes times as `YYYY-MM-DD HH:mm:ss` in Beijing time (UTC+8, PROTOCOL.md §8). */
const ET_DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Parses an ET time; `undefined` when the text is not in ET's format or not a real date. */
export function parseEtDateTime(text: string | undefined): Date | undefined {
  const match = text === undefined ? null : ET_DATETIME.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as [number, ...number[]];
  const utc = Date.UTC(year!, month! - 1, day!, hour! - 8, minute!, second!);
  const date = new Date(utc);
  // Date.UTC rolls 2024-02-30 over into March; a real ET time round-trips.
  const check = new Date(utc + 8 * 3_600_000);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month! - 1) return undefined;
  return date;
}
