import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConstantTable,
  constantLabel,
  constantTables,
  feeTypeLabel,
  feeTypeTable,
  isKnownOrderStatus,
  isKnownServerType,
  orderStatusLabel,
  serverTypeLabel,
} from '../src/index.js';

describe('labels', () => {
  it('zh uses the provider label where one exists', () => {
    expect(feeTypeLabel(7, 'zh')).toBe('房租');
    expect(feeTypeLabel(7, 'en')).toBe('Rent');
    expect(feeTypeTable.entries[0]).toEqual({ value: 7, en: 'Rent', zh: '房租' });
  });

  it('zh falls back to the English label, while the row keeps zh null', () => {
    expect(orderStatusLabel(1, 'zh')).toBe('Payment successful');
    expect(serverTypeLabel('get_rate', 'zh')).toBe('Get exchange rate');
  });

  it('unknown values have no label, and the guards are strict about the wire shape', () => {
    expect(orderStatusLabel(42)).toBeUndefined();
    expect(orderStatusLabel('1')).toBeUndefined();
    expect(isKnownOrderStatus('1')).toBe(false);
    expect(isKnownOrderStatus(1)).toBe(true);
    expect(isKnownServerType('get_rate')).toBe(true);
    expect(isKnownServerType('future_operation')).toBe(false);
    expect(serverTypeLabel('future_operation', 'en')).toBeUndefined();
    expect(constantLabel(feeTypeTable, 8, 'zh')).toBeUndefined();
  });

  it('tables and rows are frozen', () => {
    expect(Object.isFrozen(feeTypeTable)).toBe(true);
    expect(Object.isFrozen(feeTypeTable.entries)).toBe(true);
    expect(Object.isFrozen(feeTypeTable.entries[0])).toBe(true);
  });
});

describe('guards and labels on arbitrary input', () => {
  it('never throw, and only table rows are known', () => {
    const tables: readonly ConstantTable[] = Object.values(constantTables);
    fc.assert(
      fc.property(fc.anything(), (value) => {
        for (const table of tables) {
          const isRow = table.entries.some((entry) => Object.is(entry.value, value));
          expect(constantLabel(table, value, 'zh') !== undefined).toBe(isRow);
        }
      }),
      // -0 is always tried: it once passed as the 0 row, and 1 000 random runs find it only sometimes.
      { numRuns: 1_000, examples: [[-0], [0], ['0'], [Number.NaN]] },
    );
  });
});
