// Every artefact derived from openapi.yaml, and the lint that gates them, as functions of a package folder:
//   openapi.json                 JSON copy of the document (shipped as `@etkit/openapi/openapi.json`)
//   src/openapi.generated.ts     TypeScript types (openapi-typescript)
//   src/spec.generated.ts        the operation registry (name, server_type, kind, schemas, field limits, sensitive
//                                and decimal fields), payload constraints and sensitive-field lists, as plain data
//   ../constants/src/tables/server-type.generated.ts
//                                the documented server_types and their labels, for @etkit/constants (the lowest
//                                layer, which imports nothing, so it gets a generated copy instead of an import)
// scripts/generate.ts is the command line around them; the tests call them in-process on a scratch copy, so
// they pay for loading Redocly and openapi-typescript once instead of once per run.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createConfig, lint } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { buildServerTypeRowsModule, buildSpecModule, type OpenApiDocument } from './spec-module.js';

const banner = '// Generated from openapi.yaml by scripts/generate.ts. Do not edit; run `pnpm generate`.\n';

const constantsBanner =
  '// Generated from packages/openapi/openapi.yaml by packages/openapi/scripts/generate.ts. Do not edit; run `pnpm generate`.\n';

/** The server_type rows of @etkit/constants, relative to this package (the sibling package's folder). */
export const serverTypeRowsPath = '../constants/src/tables/server-type.generated.ts';

/** A run's outcome: lint problems stop it before anything is rendered. */
export type CheckResult = { problems: string[]; stale: string[] };
export type GenerateResult = { problems: string[]; written: string[] };

// Redocly's `recommended` rules, failing on warnings too. `no-unused-components` is off: the payload schemas are
// referenced from `x-etkit-operations` and `x-etkit-encrypted-schema`, which a linter does not follow (the
// generator checks those names itself).
export async function lintDocument(packageDir: string): Promise<string[]> {
  const config = await createConfig({ extends: ['recommended'], rules: { 'no-unused-components': 'off' } });
  const problems = await lint({ ref: join(packageDir, 'openapi.yaml'), config });
  return problems.map(
    (problem) => `${problem.severity} ${problem.ruleId}: ${problem.message} (${problem.location[0]?.pointer ?? ''})`,
  );
}

/** The text of each artefact, keyed by its path in the package. */
export async function renderArtefacts(packageDir: string): Promise<Record<string, string>> {
  const yamlText = await readFile(join(packageDir, 'openapi.yaml'), 'utf8');
  const document = parse(yamlText) as OpenApiDocument;
  // Serialise first: openapi-typescript annotates the object it is given.
  const json = `${JSON.stringify(document, null, 2)}\n`;
  const ast = await openapiTS(structuredClone(document) as never, { rootTypes: true, alphabetize: false });
  return {
    'openapi.json': json,
    'src/openapi.generated.ts': `${banner}${astToString(ast)}`,
    'src/spec.generated.ts': `${banner}${buildSpecModule(document)}`,
    [serverTypeRowsPath]: `${constantsBanner}${buildServerTypeRowsModule(document)}`,
  };
}

/** Lints, renders, and lists the committed artefacts that differ from a fresh rendering (or are missing). */
export async function checkArtefacts(packageDir: string): Promise<CheckResult> {
  const problems = await lintDocument(packageDir);
  if (problems.length > 0) return { problems, stale: [] };
  const stale: string[] = [];
  for (const [path, text] of Object.entries(await renderArtefacts(packageDir))) {
    const committed = await readFile(join(packageDir, path), 'utf8').catch(() => undefined);
    if (committed !== text) stale.push(path);
  }
  return { problems, stale };
}

/** Lints, then writes every artefact. */
export async function generateArtefacts(packageDir: string): Promise<GenerateResult> {
  const problems = await lintDocument(packageDir);
  if (problems.length > 0) return { problems, written: [] };
  const artefacts = await renderArtefacts(packageDir);
  for (const [path, text] of Object.entries(artefacts)) await writeFile(join(packageDir, path), text);
  return { problems, written: Object.keys(artefacts) };
}
