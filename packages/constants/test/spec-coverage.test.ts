import { readSpecText } from '@etkit/spec';
import { describe, expect, it } from 'vitest';
import * as constants from '../src/index.js';

// The protocol spec's constant tables, read from @etkit/spec (the repository's spec/).
const specText = readSpecText('constants.json');

interface SpecRow {
  value: string | number;
  en: string;
  zh?: string | null;
}
interface SpecTable {
  wire_type: string;
  complete: boolean;
  values: SpecRow[];
}
const spec = JSON.parse(specText) as Record<string, SpecTable | string>;
const specTables = Object.entries(spec).filter((entry): entry is [string, SpecTable] => !entry[0].startsWith('_'));

const pascal = (name: string) =>
  name
    .split('_')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
const camel = (name: string) => pascal(name)[0]!.toLowerCase() + pascal(name).slice(1);
const exported = constants as unknown as Record<string, unknown>;
function exportedFunction(name: string): (...args: unknown[]) => unknown {
  const value = exported[name];
  expect(value, `export ${name}`).toBeTypeOf('function');
  return value as (...args: unknown[]) => unknown;
}

function expectedWireType(specWireType: string): constants.WireType {
  if (specWireType.startsWith('string')) return 'string';
  if (specWireType.startsWith('int')) return 'int';
  expect(specWireType).toBe('UNKNOWN');
  return 'unknown';
}

describe('every table of the spec', () => {
  it('the package has exactly the spec tables', () => {
    expect(Object.keys(constants.constantTables).sort()).toEqual(specTables.map(([name]) => name).sort());
  });

  describe.each(specTables)('%s', (name, table) => {
    const packaged = constants.constantTables[name as constants.ConstantTableName] as constants.ConstantTable;

    it('has the same shape, rows and labels (zh null where the spec gives none)', () => {
      expect(packaged.name).toBe(name);
      expect(packaged.complete).toBe(table.complete);
      expect(packaged.wireType).toBe(expectedWireType(table.wire_type));
      expect(packaged.entries).toEqual(
        table.values.map((row) => ({ value: row.value, en: row.en, zh: row.zh ?? null })),
      );
      expect(exported[`${camel(name)}Table`]).toBe(packaged);
    });

    it('guard and label functions know every row', () => {
      const isKnown = exportedFunction(`isKnown${pascal(name)}`);
      const label = exportedFunction(`${camel(name)}Label`);
      for (const row of table.values) {
        expect(isKnown(row.value)).toBe(true);
        expect(label(row.value, 'en')).toBe(row.en);
        expect(label(row.value)).toBe(row.en);
        expect(label(row.value, 'zh')).toBe(row.zh ?? row.en);
      }
      // A value outside the table: not known, no label (the documented fallback).
      const outsider = table.values.some((row) => typeof row.value === 'number') ? 987_654 : 'not-a-published-value';
      expect(isKnown(outsider)).toBe(false);
      expect(label(outsider, 'en')).toBeUndefined();
      expect(label(outsider, 'zh')).toBeUndefined();
    });
  });
});

describe.each(specTables.filter(([, table]) => expectedWireType(table.wire_type) === 'int'))(
  'integer table %s',
  (name, table) => {
    it('has a parser that reads every row as a number and as text', () => {
      const parse = exportedFunction(`parse${pascal(name)}`);
      for (const row of table.values) {
        expect(parse(row.value)).toBe(row.value);
        expect(parse(String(row.value))).toBe(row.value);
      }
    });
  },
);
