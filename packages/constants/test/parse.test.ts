import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InvalidConstantError,
  isInvalidConstantError,
  orderStatusTable,
  parseAttachmentType,
  parseFeeType,
  parseIntegerConstant,
  parseOrderStatus,
  parsePayResult,
  parseRefundResult,
} from '../src/index.js';

function rejection(run: () => unknown): InvalidConstantError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidConstantError);
    expect(isInvalidConstantError(error)).toBe(true);
    return error as InvalidConstantError;
  }
  throw new Error('expected an InvalidConstantError, nothing was thrown');
}

const closedParsers = [
  ['order_status', parseOrderStatus],
  ['pay_result', parsePayResult],
  ['refund_result', parseRefundResult],
  ['attachment_type', parseAttachmentType],
] as const;

describe('integer constant parsers', () => {
  it('accept the two shapes a value arrives in', () => {
    expect(parseOrderStatus(1)).toBe(1);
    expect(parseOrderStatus('1')).toBe(1);
    expect(parseOrderStatus('-1')).toBe(-1);
    expect(parseOrderStatus('-3')).toBe(-3);
    expect(parseOrderStatus('0')).toBe(0);
    expect(Object.is(parseOrderStatus(-0), 0)).toBe(true);
    expect(parsePayResult('1')).toBe(1);
    expect(parsePayResult(0)).toBe(0);
    expect(parseRefundResult('0')).toBe(0);
    expect(parseAttachmentType('164')).toBe(164);
    expect(parseAttachmentType(250)).toBe(250);
  });

  it.each(closedParsers)('%s rejects malformed values with a typed error naming the table', (table, parse) => {
    for (const bad of ['1.0', ' 1', '1 ', '', 'abc', '01', '+1', '-0', '1e0', '0x1', '１', 1.5, Number.NaN, Infinity]) {
      const error = rejection(() => parse(bad));
      expect(error.code).toBe('INVALID_CONSTANT');
      expect(error.table).toBe(table);
      expect(error.reason).toBe('not-an-integer');
      expect(error.message).toContain(table);
    }
  });

  it.each(closedParsers)('%s (a complete table) rejects integers it does not define', (table, parse) => {
    const error = rejection(() => parse('9999'));
    expect(error).toMatchObject({ code: 'INVALID_CONSTANT', table, reason: 'unknown-value' });
  });

  it('rejects non-string, non-number input at run time', () => {
    for (const bad of [null, undefined, true, 1n, {}, [1], () => 1]) {
      const error = rejection(() => parseOrderStatus(bad as unknown as string));
      expect(error.code).toBe('INVALID_CONSTANT');
    }
  });

  it('recognises the error from another copy of the package, and nothing else', () => {
    const foreign = Object.assign(new Error('Invalid order_status'), {
      code: 'INVALID_CONSTANT',
      table: 'order_status',
    });
    expect(isInvalidConstantError(foreign)).toBe(true);
    expect(isInvalidConstantError(Object.assign(new Error('x'), { code: 'OTHER', table: 't' }))).toBe(false);
    expect(isInvalidConstantError({ code: 'INVALID_CONSTANT', table: 't' })).toBe(false);
    expect(isInvalidConstantError(undefined)).toBe(false);
  });

  it('does not echo a huge input', () => {
    const huge = `1${'0'.repeat(100_000)}`;
    const error = rejection(() => parseOrderStatus(huge));
    expect(error.message.length).toBeLessThan(200);
    expect(error.message).toContain('100001 characters');
  });

  it('an open table (fee_type) accepts any integer', () => {
    expect(parseFeeType('7')).toBe(7);
    expect(parseFeeType('12')).toBe(12);
    expect(parseFeeType(-5)).toBe(-5);
    expect(rejection(() => parseFeeType('7.0')).table).toBe('fee_type');
  });
});

describe('properties', () => {
  it('every safe integer round-trips through its decimal text', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        const text = String(n === 0 ? 0 : n);
        expect(parseIntegerConstant('t', text)).toBe(n === 0 ? 0 : n);
        expect(parseFeeType(text)).toBe(n === 0 ? 0 : n);
        expect(String(parseFeeType(text))).toBe(text);
      }),
      { numRuns: 2_000 },
    );
  });

  it('a complete table accepts an integer exactly when it defines it, in both shapes', () => {
    const defined = new Set<number>(orderStatusTable.entries.map((entry) => entry.value));
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -10, max: 10 }), fc.maxSafeInteger()), (n) => {
        for (const shape of [n, String(n)]) {
          if (defined.has(n)) expect(parseOrderStatus(shape)).toBe(n);
          else expect(rejection(() => parseOrderStatus(shape)).reason).toBe('unknown-value');
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('any non-canonical text is rejected with the typed error, never another exception', () => {
    const canonical = /^(?:0|-?[1-9][0-9]*)$/;
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[-+ 0-9.e]{0,8}$/)),
        (text) => {
          fc.pre(!canonical.test(text));
          for (const [table, parse] of closedParsers) {
            const error = rejection(() => parse(text));
            expect(error).toMatchObject({ code: 'INVALID_CONSTANT', table, reason: 'not-an-integer' });
          }
          expect(rejection(() => parseFeeType(text)).reason).toBe('not-an-integer');
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('any non-integer input of any type is rejected with the typed error', () => {
    fc.assert(
      fc.property(fc.anything(), fc.double(), (anything, double) => {
        fc.pre(!Number.isSafeInteger(double));
        for (const value of [anything, double]) {
          if (typeof value === 'number' && Number.isSafeInteger(value)) continue;
          if (typeof value === 'string' && /^(?:0|-?[1-9][0-9]{0,15})$/.test(value)) continue;
          expect(rejection(() => parseFeeType(value as string)).code).toBe('INVALID_CONSTANT');
        }
      }),
      { numRuns: 1_000 },
    );
  });
});
