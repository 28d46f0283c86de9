// Generates every artefact derived from openapi.yaml:
//   openapi.json                 JSON copy of the document (shipped as `@etkit/openapi/openapi.json`)
//   src/openapi.generated.ts     TypeScript types (openapi-typescript)
//   src/spec.generated.ts        operation table, payload constraints and sensitive-field lists, as plain data
//
// Both modes first lint openapi.yaml (Redocly, `recommended` rules) and stop on any problem.
//   tsx scripts/generate.ts          write the files
//   tsx scripts/generate.ts --check  regenerate into a temporary folder and fail when a committed file is stale
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConfig, lint } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { buildSpecModule, type OpenApiDocument } from './spec-module.ts';

// `--package-dir <dir>` runs on another copy of the package (the tests use it on a scratch copy).
const dirFlag = process.argv.indexOf('--package-dir');
const packageDir =
  dirFlag >= 0 && process.argv[dirFlag + 1]
    ? process.argv[dirFlag + 1]!
    : join(dirname(fileURLToPath(import.meta.url)), '..');
const sourcePath = join(packageDir, 'openapi.yaml');

const banner = '// Generated from openapi.yaml by scripts/generate.ts. Do not edit; run `pnpm generate`.\n';

// Redocly's `recommended` rules, failing on warnings too. `no-unused-components` is off: the payload schemas are
// referenced from `x-etkit-operations` and `x-etkit-encrypted-schema`, which a linter does not follow (the
// generator checks those names itself).
async function lintDocument(): Promise<string[]> {
  const config = await createConfig({ extends: ['recommended'], rules: { 'no-unused-components': 'off' } });
  const problems = await lint({ ref: sourcePath, config });
  return problems.map(
    (problem) => `${problem.severity} ${problem.ruleId}: ${problem.message} (${problem.location[0]?.pointer ?? ''})`,
  );
}

async function renderArtefacts(): Promise<Record<string, string>> {
  const yamlText = await readFile(sourcePath, 'utf8');
  const document = parse(yamlText) as OpenApiDocument;
  // Serialise first: openapi-typescript annotates the object it is given.
  const json = `${JSON.stringify(document, null, 2)}\n`;
  const ast = await openapiTS(structuredClone(document) as never, { rootTypes: true, alphabetize: false });
  return {
    'openapi.json': json,
    'src/openapi.generated.ts': `${banner}${astToString(ast)}`,
    'src/spec.generated.ts': `${banner}${buildSpecModule(document)}`,
  };
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const problems = await lintDocument();
  if (problems.length > 0) {
    console.error(`openapi.yaml has lint problems:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  const artefacts = await renderArtefacts();
  if (!check) {
    for (const [path, text] of Object.entries(artefacts)) await writeFile(join(packageDir, path), text);
    console.log(`generated ${Object.keys(artefacts).join(', ')}`);
    return;
  }
  const scratch = await mkdtemp(join(tmpdir(), 'etkit-openapi-check-'));
  try {
    const stale: string[] = [];
    for (const [path, text] of Object.entries(artefacts)) {
      const fresh = join(scratch, path.replaceAll('/', '__'));
      await writeFile(fresh, text);
      const committed = await readFile(join(packageDir, path), 'utf8').catch(() => undefined);
      if (committed !== (await readFile(fresh, 'utf8'))) stale.push(relative(packageDir, join(packageDir, path)));
    }
    if (stale.length > 0) {
      console.error(`stale generated files (run \`pnpm generate\`): ${stale.join(', ')}`);
      process.exitCode = 1;
      return;
    }
    console.log('generated files are up to date');
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
