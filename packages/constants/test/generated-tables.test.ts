import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain ES module script without types
import { buildTablesModule, generatedPath } from '../scripts/generate-tables.mjs';
import { orderStatusTable } from '../src/index.js';

// The tables' rows are generated from @etkit/spec/constants.json (`pnpm generate`), not copied by hand.
describe('generated tables', () => {
  it('src/tables/spec-tables.generated.ts is what the spec gives (run `pnpm generate` when this fails)', () => {
    expect(readFileSync(generatedPath, 'utf8')).toBe(buildTablesModule());
  });

  it('a row changed in the spec changes the generated module, and an unknown wire type is refused', () => {
    const spec = {
      _about: 'skipped',
      order_status: { wire_type: 'int', complete: true, values: [{ value: 0, en: 'Renamed', zh: '改名' }] },
    };
    const text: string = buildTablesModule(spec);
    expect(text).toContain('export const orderStatusSpec = {');
    expect(text).toContain('"en": "Renamed"');
    expect(text).toContain('"zh": "改名"');
    expect(text).not.toContain('_about');
    expect(text).not.toBe(buildTablesModule());
    expect(() => buildTablesModule({ t: { wire_type: 'float', complete: false, values: [] } })).toThrow(/float/);
  });

  it('the tables are built from the generated data', () => {
    expect(orderStatusTable.entries.map((entry) => entry.value)).toEqual([0, 1, 2, 3, 4, -1, -2, -3]);
  });
});
