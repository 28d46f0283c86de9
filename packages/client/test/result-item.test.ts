import { orderStatusTable } from '@etkit/constants';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toResultItem } from '../src/result-item.js';

describe('toResultItem', () => {
  const statuses = orderStatusTable.entries.map((entry) => entry.value);

  it('reads order_status the same from a number and from its numeric text', () => {
    for (const status of statuses) {
      expect(toResultItem({ order_status: status })).toEqual({ order_status: status, extra: {} });
      expect(toResultItem({ order_status: String(status) })).toEqual({ order_status: status, extra: {} });
    }
  });

  it('keeps a value that does not fit its type in extra, under its name', () => {
    for (const odd of ['9', 'paid', '1.0', ' 1', '', 7, null, { code: 1 }]) {
      const item = toResultItem({ order_id: 'ET1', order_status: odd });
      expect(item.order_status).toBeUndefined();
      // numbers as their decimal text, nested ones too
      expect(item.extra.order_status).toEqual(
        typeof odd === 'number' ? String(odd) : odd !== null && typeof odd === 'object' ? { code: '1' } : odd,
      );
      expect(item.order_id).toBe('ET1');
    }
    expect(toResultItem({ order_id: 12345 })).toEqual({ order_id: '12345', extra: {} });
    expect(toResultItem({ pay_url: ['x'] })).toEqual({ extra: { pay_url: ['x'] } });
    expect(toResultItem('https://pay.example.test/p/1')).toEqual({ extra: { value: 'https://pay.example.test/p/1' } });
  });

  it('drops no field of any record and hands numbers over as text (property)', () => {
    const names = fc.oneof(
      fc.constantFrom('order_id', 'merchant_order_id', 'order_status', 'pay_url', 'pay_amount', 'extra', '__proto__'),
      fc.string({ maxLength: 8 }),
    );
    const values = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(...statuses),
    );
    fc.assert(
      fc.property(fc.dictionary(names, values), (record) => {
        const item = toResultItem(record);
        const { extra, ...typed } = item;
        const names = [...Object.keys(typed), ...Object.keys(extra)];
        expect(names.sort()).toEqual(Object.keys(record).sort());
        for (const [name, value] of Object.entries(record)) {
          const isTyped = Object.hasOwn(typed, name);
          const kept = isTyped ? (typed as Record<string, unknown>)[name] : extra[name];
          if (name === 'order_status' && isTyped) expect(String(kept)).toBe(String(value));
          else expect(kept).toEqual(typeof value === 'number' ? String(value) : value);
        }
      }),
    );
  });
});
