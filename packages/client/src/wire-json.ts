/**
 * A JSON number that must go on the wire with exactly this text (`10000.00` stays `10000.00`), so a decimal
 * amount never passes through a binary float on its way to ET.
 */
export class WireNumber {
  constructor(readonly text: string) {}
  /** What JSON.stringify would write if this object ever reached it: the nearest double. */
  toJSON(): number {
    return Number(this.text);
  }
}

/**
 * Compact JSON text, like JSON.stringify, except that a {@link WireNumber} is written as its own text.
 * Throws TypeError for values JSON cannot carry (BigInt, cycles).
 */
export function toWireJson(value: unknown, seen: Set<object> = new Set()): string {
  if (value instanceof WireNumber) return value.text;
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (seen.has(value)) throw new TypeError('cyclic value');
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item) => (isSkipped(item) ? 'null' : toWireJson(item, seen))).join(',')}]`;
    }
    const withToJson = value as { toJSON?: () => unknown };
    if (typeof withToJson.toJSON === 'function') return toWireJson(withToJson.toJSON(), seen);
    const members: string[] = [];
    for (const [name, item] of Object.entries(value)) {
      if (!isSkipped(item)) members.push(`${JSON.stringify(name)}:${toWireJson(item, seen)}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    seen.delete(value);
  }
}

function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** Whether a {@link WireNumber} occurs anywhere in `value`. */
export function containsWireNumber(value: unknown): boolean {
  if (value instanceof WireNumber) return true;
  if (value === null || typeof value !== 'object') return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    if (containsWireNumber(item)) return true;
  }
  return false;
}
