// Writes src/tables/spec-tables.generated.ts from the protocol reference's constant tables
// (@etkit/spec/constants.json), the way @etkit/openapi generates its types from openapi.yaml: each table's name, wire
// type, completeness and rows as plain data, so no row is copied by hand. server_type is left out: its rows come
// from the operation registry (packages/openapi, `pnpm generate` there).
//   node scripts/generate-tables.mjs          writes the file
//   node scripts/generate-tables.mjs --check  exits 1 when the file is not what the spec gives
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import constants from '@etkit/spec/constants.json' with { type: 'json' };

export const generatedPath = fileURLToPath(new URL('../src/tables/spec-tables.generated.ts', import.meta.url));
const TABLES_FROM_ELSEWHERE = new Set(['server_type']);

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, letter) => letter.toUpperCase());

/** The wire type the package uses for a spec's `wire_type` text ("int (sent as…)", "string (ISO…)", "UNKNOWN"). */
function wireTypeOf(name, specWireType) {
  if (specWireType.startsWith('string')) return 'string';
  if (specWireType.startsWith('int')) return 'int';
  if (specWireType === 'UNKNOWN') return 'unknown';
  throw new Error(`constants.json: table ${name} has a wire_type this generator does not know: ${specWireType}`);
}

/** The generated module's text. */
export function buildTablesModule(spec = constants) {
  const lines = [
    '// Generated from @etkit/spec/constants.json by packages/constants/scripts/generate-tables.mjs.',
    '// Do not edit; run `pnpm generate` in packages/constants.',
  ];
  for (const [name, table] of Object.entries(spec)) {
    if (name.startsWith('_') || TABLES_FROM_ELSEWHERE.has(name)) continue;
    const data = {
      name,
      wireType: wireTypeOf(name, table.wire_type),
      complete: table.complete,
      entries: table.values.map((row) => ({ value: row.value, en: row.en, zh: row.zh ?? null })),
    };
    lines.push('', `/** \`${name}\` as @etkit/spec/constants.json gives it. */`);
    lines.push(`export const ${camel(name)}Spec = ${JSON.stringify(data, null, 2)} as const;`);
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = buildTablesModule();
  if (process.argv.includes('--check')) {
    const current = readFileSync(generatedPath, 'utf8');
    if (current !== text) {
      console.error('src/tables/spec-tables.generated.ts is stale: run `pnpm generate` in packages/constants');
      process.exitCode = 1;
    }
  } else {
    writeFileSync(generatedPath, text);
    console.log('generated src/tables/spec-tables.generated.ts');
  }
}
