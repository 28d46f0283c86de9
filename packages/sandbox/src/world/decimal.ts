/**
 * Exact decimal arithmetic on strings for amounts and rates (never binary floats). A value is held as a
 * BigInt of units and a scale (number of fraction digits).
 */
interface Decimal {
  units: bigint;
  scale: number;
}

const decimalPattern = /^(\d{1,20})(?:\.(\d{1,12}))?$/;

/** True for a non-negative plain decimal such as `130`, `10000.00`, `9.1234`. */
export function isDecimalText(text: string): boolean {
  return decimalPattern.test(text);
}

function parse(text: string): Decimal {
  const match = decimalPattern.exec(text);
  if (!match) throw new RangeError('not a plain non-negative decimal');
  const fraction = match[2] ?? '';
  return { units: BigInt(`${match[1]}${fraction}`), scale: fraction.length };
}

function rescale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** Rounds half away from zero to `scale` fraction digits. */
function round(value: Decimal, scale: number): bigint {
  if (value.scale <= scale) return rescale(value, scale);
  const divisor = 10n ** BigInt(value.scale - scale);
  const quotient = value.units / divisor;
  const remainder = value.units % divisor;
  return remainder * 2n >= divisor ? quotient + 1n : quotient;
}

export function addDecimals(a: string, b: string): string {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  return format(rescale(x, scale) + rescale(y, scale), scale);
}

/** a × b rounded to `scale` fraction digits. */
export function multiplyDecimals(a: string, b: string, scale: number): string {
  const x = parse(a);
  const y = parse(b);
  return format(round({ units: x.units * y.units, scale: x.scale + y.scale }, scale), scale);
}

/** Formats with exactly `scale` fraction digits (rounding half up). */
export function toFixedDecimal(text: string, scale: number): string {
  return format(round(parse(text), scale), scale);
}

export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  const left = rescale(x, scale);
  const right = rescale(y, scale);
  return left < right ? -1 : left > right ? 1 : 0;
}
