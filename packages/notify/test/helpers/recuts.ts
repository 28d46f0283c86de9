import { buildNotification as buildSigned, type NotificationEncoding } from '../../src/testing.js';

/**
 * Every set of fields an attacker can send under a v2 `sign` without knowing the salt, with names free of `&` and
 * `=`: each one's sorted `name=value&…` join is `signed`. Written independently of the implementation: any cut at
 * `&`, split at the first `=`, names strictly ascending in code-point order (the verifier sorts), never `sign`.
 * Names holding `&` or `=` are the other re-cuts: {@link withOddNames} derives them. Stops after `limit`.
 */
export function recutsOf(signed: string, limit = 5_000): Array<Record<string, string>> {
  const found: Array<Record<string, string>> = [];
  const taken: Array<[string, string]> = [];
  const walk = (start: number, previous: string | undefined): void => {
    if (found.length >= limit) return;
    if (start === signed.length + 1) {
      found.push(Object.fromEntries(taken));
      return;
    }
    const eq = signed.indexOf('=', start);
    if (eq === -1) return;
    const name = signed.slice(start, eq);
    if (name === '' || name.includes('&') || name === 'sign') return;
    if (previous !== undefined && compareCodePoints(name, previous) <= 0) return;
    for (let end = signed.indexOf('&', eq); ; end = signed.indexOf('&', end + 1)) {
      const stop = end === -1 ? signed.length : end;
      taken.push([name, signed.slice(eq + 1, stop)]);
      walk(stop + 1, name);
      taken.pop();
      if (end === -1) return;
    }
  };
  walk(0, undefined);
  return found;
}

/**
 * Re-cuts whose names hold `&` or `=`, derived from one without: two neighbours merged into one name
 * (`a=1&b` → `2`), or a name extended past its first `=` (`a=1` → `x` for `a=1=x`). Kept when still ascending.
 */
export function withOddNames(recut: Readonly<Record<string, string>>): Array<Record<string, string>> {
  const names = Object.keys(recut).sort(compareCodePoints);
  const out: Array<Record<string, string>> = [];
  const ascending = (list: string[]) => list.every((name, i) => i === 0 || compareCodePoints(list[i - 1]!, name) < 0);
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const value = recut[name]!;
    const eq = value.indexOf('=');
    if (eq !== -1) {
      const renamed = names.map((n) => (n === name ? `${name}=${value.slice(0, eq)}` : n));
      if (ascending(renamed)) out.push(rebuild(recut, name, `${name}=${value.slice(0, eq)}`, value.slice(eq + 1)));
    }
    const next = names[i + 1];
    if (next !== undefined) {
      const merged = `${name}=${value}&${next}`;
      const list = [...names.slice(0, i), merged, ...names.slice(i + 2)];
      if (ascending(list)) {
        const fields = rebuild(recut, name, merged, recut[next]!);
        delete fields[next];
        out.push(fields);
      }
    }
  }
  return out;
}

function rebuild(fields: Readonly<Record<string, string>>, old: string, name: string, value: string) {
  const out: Record<string, string> = { ...fields };
  delete out[old];
  out[name] = value;
  return out;
}

/** The sorted `name=value&…` string a v2 sign covers (without the salt). */
export function signedStringOf(fields: Readonly<Record<string, string>>): string {
  return Object.keys(fields)
    .filter((name) => name !== 'sign')
    .sort(compareCodePoints)
    .map((name) => `${name}=${fields[name]}`)
    .join('&');
}

/** `fields` with `sign` set, in `encoding`: what an attacker posts after re-cutting a signed notification. */
export function bodyOf(fields: Record<string, string>, sign: string, encoding: NotificationEncoding) {
  // buildNotification signs; its tamper option then puts the borrowed sign back.
  return buildSigned({ salt: 'unused', kind: undefined, fields, encoding, tamper: { field: 'sign', value: sign } });
}

/** Encodings a set of fields survives: multipart cannot carry CR, LF or `"` in a name, nor CR/LF in a value. */
export function encodingsFor(fields: Readonly<Record<string, string>>): NotificationEncoding[] {
  const multipartSafe = Object.entries(fields).every(([name, value]) => !/[\r\n"]/.test(name) && !/[\r\n]/.test(value));
  return multipartSafe ? ['form', 'json', 'multipart'] : ['form', 'json'];
}

/** Code-point order, as the v2 rule sorts (plain `<` compares UTF-16 code units). */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
