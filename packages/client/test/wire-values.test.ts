import { parseJsonLossless } from '@etkit/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDecimalText, numbersToDecimalText } from '../src/decimal.js';
import { findPaymentUrl } from '../src/payment-url.js';
import { backoffDelayMs, resolveRetryPolicy } from '../src/retry.js';
import { toWireJson, WireNumber } from '../src/wire-json.js';

const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.option(fc.stringMatching(/^[0-9]{1,20}$/)))
  .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}`);

describe('decimal amounts on the wire', () => {
  it('accepts plain decimals and refuses exponents, signs and leading zeros', () => {
    for (const ok of ['0', '130', '10000.00', '-3.5', '0.001']) expect(isDecimalText(ok)).toBe(true);
    for (const bad of ['1e3', '+1', '01', '.5', '5.', '', 'NaN', '1,000.00', ' 1'])
      expect(isDecimalText(bad)).toBe(false);
  });

  it('writes every decimal with exactly its own text, whatever its precision', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const json = toWireJson({ amount: new WireNumber(text) });
        expect(json).toBe(`{"amount":${text}}`);
        // and a lossless reader gets the very same text back
        const parsed = parseJsonLossless(json) as { amount: number | string };
        expect(String(parsed.amount)).toBe(text);
      }),
    );
  });

  it('serialises like JSON.stringify for everything else', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(toWireJson(value)).toBe(JSON.stringify(value));
      }),
    );
    expect(toWireJson({ a: undefined, b: [undefined, () => 1], c: new Date(0) })).toBe(
      JSON.stringify({ a: undefined, b: [undefined, () => 1], c: new Date(0) }),
    );
  });

  it('refuses values JSON cannot carry', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => toWireJson(cyclic)).toThrow(TypeError);
    expect(() => toWireJson({ big: 1n })).toThrow(TypeError);
  });

  it('hands response numbers back as their exact wire text, keeping integer codes numeric', () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: -3, max: 4 }), (text, status) => {
        const decoded = parseJsonLossless(`[{"amount":${text},"order_status":${status}}]`);
        expect(numbersToDecimalText(decoded, new Set(['order_status']))).toEqual([
          { amount: text, order_status: status },
        ]);
      }),
    );
  });
});

describe('retry backoff', () => {
  it('draws a full-jitter delay below the exponential ceiling', () => {
    const policy = { ...resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1_000 }), random: () => 0.999999 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(policy, attempt))).toEqual([99, 199, 399, 799, 999, 999]);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.999999, noNaN: true }), fc.integer({ min: 1, max: 20 }), (r, attempt) => {
        const delay = backoffDelayMs({ ...policy, random: () => r }, attempt);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.min(1_000, 100 * 2 ** (attempt - 1)));
      }),
    );
  });

  it('is off with retry: false', () => {
    expect(resolveRetryPolicy(false).maxAttempts).toBe(1);
  });
});

describe('payment URL reading', () => {
  it('prefers data over sensitive, and pay_url over other names', () => {
    expect(findPaymentUrl([{ url: 'https://b.test', pay_url: 'https://a.test' }], [])).toEqual({
      url: 'https://a.test',
      field: 'pay_url',
      source: 'data',
    });
    expect(findPaymentUrl([], [{ payUrl: 'https://c.test' }])).toEqual({
      url: 'https://c.test',
      field: 'payUrl',
      source: 'sensitive',
    });
    expect(findPaymentUrl({ pay_link: 'http://d.test' }, [])?.url).toBe('http://d.test');
    expect(findPaymentUrl(['https://e.test'], [])?.url).toBe('https://e.test');
  });

  it('ignores values that are not http(s) URLs', () => {
    expect(findPaymentUrl([{ pay_url: 'javascript:alert(1)', url: 'ftp://x' }], [{ pay_url: 42 }])).toBeUndefined();
  });
});
