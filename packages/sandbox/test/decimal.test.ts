import fc from 'fast-check';
import { expect, it } from 'vitest';
import { addDecimals, compareDecimals, multiplyDecimals, toFixedDecimal } from '../src/world/decimal.js';

const decimalText = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }))
  .map(([units, scale]) => {
    const digits = units.toString().padStart(scale + 1, '0');
    return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  });

/** Reference: scaled BigInt arithmetic written independently (×10^12, then half-up to 2 places). */
const toMicro = (text: string) => {
  const [int, frac = ''] = text.split('.');
  return BigInt(int! + frac.padEnd(12, '0'));
};

it('add is exact', () => {
  fc.assert(
    fc.property(decimalText, decimalText, (a, b) => {
      expect(toMicro(addDecimals(a, b))).toBe(toMicro(a) + toMicro(b));
    }),
  );
});

it('multiply rounds half up to 2 places', () => {
  fc.assert(
    fc.property(decimalText, decimalText, (a, b) => {
      const exact = toMicro(a) * toMicro(b); // scale 24
      const divisor = 10n ** 22n;
      const expected = exact / divisor + ((exact % divisor) * 2n >= divisor ? 1n : 0n);
      expect(toMicro(multiplyDecimals(a, b, 2)) / 10n ** 10n).toBe(expected);
      expect(multiplyDecimals(a, b, 2)).toMatch(/^\d+\.\d{2}$/);
    }),
  );
});

it('known values', () => {
  expect(multiplyDecimals('130.50', '9.1500', 2)).toBe('1194.08');
  expect(toFixedDecimal('120.5', 2)).toBe('120.50');
  expect(toFixedDecimal('0.005', 2)).toBe('0.01');
  expect(compareDecimals('10000.00', '10000')).toBe(0);
  expect(compareDecimals('0.1', '0.09')).toBe(1);
  expect(() => addDecimals('1e3', '1')).toThrow(RangeError);
});
