#!/usr/bin/env node
// API reference for every package into docs/api (gitignored).
//
// TypeDoc's `packages` mode converts each package and merges the results, but it applies one `packageOptions`
// to all of them, so it cannot give notify its ./fetch, ./express and ./testing entries and crypto its Node
// entry without a typedoc.json inside every package. This script does the same two phases explicitly: convert
// each implemented package to JSON with exactly the entries its `exports` map names (their `@etkit/source`
// files), then merge the JSON projects into one site (`entryPointStrategy: merge`). Shared options:
// typedoc.json beside this script. It sets skipErrorChecking: TypeDoc would type-check each package's whole
// tsconfig.json (sources, tests, benches), which the `typecheck` task of the same test run has just done. And it
// gives TypeDoc a tsconfig that extends the package's but lists only the entries: the program then holds what the
// entries import, not every test and bench with vitest's types (half of the conversion's time).
//
//   node scripts/release/typedoc.mjs
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { OptionDefaults } from 'typedoc';
import { bin, isImplemented, listPackages, pool, repoRoot, run, tail } from './lib/workspace.mjs';

const sharedOptions = new URL('./typedoc.json', import.meta.url).pathname;
const out = join(repoRoot, 'docs', 'api');
// openapi-typescript writes `@description` and `@constant` into the generated types; teach TypeDoc both.
const tagOptions = [
  ...[...OptionDefaults.blockTags, '@description'].flatMap((tag) => ['--blockTags', tag]),
  ...[...OptionDefaults.modifierTags, '@constant'].flatMap((tag) => ['--modifierTags', tag]),
];

/** Every file under an `@etkit/source` condition, including runtime-split ones (`{ node: …, default: … }`). */
function sourceEntries(pkg) {
  const entries = new Set();
  const visit = (value, inSource) => {
    if (typeof value === 'string') {
      if (inSource) entries.add(join(pkg.dir, value));
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) visit(child, inSource || key === '@etkit/source');
    }
  };
  visit(pkg.manifest.exports ?? {}, false);
  return [...entries];
}

const all = listPackages();
for (const pkg of all.filter((candidate) => !isImplemented(candidate)))
  console.log(`skip ${pkg.name}: not implemented yet`);
const packages = all.filter(isImplemented);
const work = mkdtempSync(join(tmpdir(), 'etkit-typedoc-'));
const entryConfigs = [];
let failed = false;
try {
  const converted = await pool(packages, 2, async (pkg) => {
    const json = join(work, `${pkg.folder}.json`);
    const readme = join(pkg.dir, 'README.md');
    // Beside the package's own tsconfig: `types` are looked up from the folder of the tsconfig that is used.
    const entriesOnly = join(pkg.dir, '.typedoc-entries.tsconfig.json');
    entryConfigs.push(entriesOnly);
    writeFileSync(
      entriesOnly,
      JSON.stringify({ extends: join(pkg.dir, 'tsconfig.json'), include: [], files: sourceEntries(pkg) }),
    );
    const args = [
      '--options',
      sharedOptions,
      '--tsconfig',
      entriesOnly,
      '--name',
      pkg.name,
      '--readme',
      existsSync(readme) ? readme : 'none',
      '--json',
      json,
      ...tagOptions,
      ...sourceEntries(pkg),
    ];
    const result = await run(bin('typedoc'), args, { cwd: pkg.dir, timeoutMs: 300_000 });
    const warnings = `${result.stdout}\n${result.stderr}`
      .split('\n')
      .filter((line) => /\[(warning|error)\]/.test(line));
    console.log(
      `${result.code === 0 ? '✓' : '✗'} ${pkg.name}: ${sourceEntries(pkg)
        .map((file) => relative(pkg.dir, file))
        .join(', ')}`,
    );
    for (const line of warnings) console.log(`    ${line.trim()}`);
    if (result.code !== 0) {
      failed = true;
      console.log(tail(result.stdout + result.stderr, 10).replace(/^/gm, '    '));
      return undefined;
    }
    return json;
  });
  const projects = converted.filter(Boolean);
  if (projects.length > 0) {
    const merge = await run(
      bin('typedoc'),
      ['--entryPointStrategy', 'merge', '--name', 'etkit API reference', '--readme', 'none', '--out', out, ...projects],
      { timeoutMs: 300_000 },
    );
    if (merge.code !== 0) {
      failed = true;
      console.log(tail(merge.stdout + merge.stderr, 20));
    } else {
      console.log(
        `API reference of ${projects.length} package(s) written to ${relative(process.cwd(), out)}/index.html`,
      );
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  for (const file of entryConfigs) rmSync(file, { force: true });
}
process.exitCode = failed ? 1 : 0;
