#!/usr/bin/env node
// API reference for every package into docs/api (gitignored), with TypeDoc's packages mode.
// typedoc.json documents each package's src/index.ts; this script widens that to every entry a package exports
// (its `@etkit/source` conditions, e.g. notify's ./fetch, ./express, ./testing), which one shared
// `packageOptions` cannot express per package, and skips packages that are still the `export {};` placeholder.
//
//   node scripts/release/typedoc.mjs
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { bin, isImplemented, listPackages, run } from './lib/workspace.mjs';

const baseConfig = new URL('./typedoc.json', import.meta.url).pathname;

function sourceEntries(pkg) {
  const entries = [];
  // Every file under an `@etkit/source` condition, including runtime-split ones (`{ node: …, default: … }`).
  const visit = (value, inSource) => {
    if (typeof value === 'string') {
      if (inSource) entries.push(value.replace(/^\.\//, ''));
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) visit(child, inSource || key === '@etkit/source');
    }
  };
  visit(pkg.manifest.exports ?? {}, false);
  return entries;
}

const packages = listPackages().filter(isImplemented);
for (const pkg of listPackages().filter((candidate) => !isImplemented(candidate))) {
  console.log(`skip ${pkg.name}: not implemented yet`);
}
// One brace glob matching every exported source entry's path; in each package it matches only files it has.
const files = [...new Set(packages.flatMap(sourceEntries))].sort();
const names = files.map((file) => file.replace(/^src\//, '').replace(/\.ts$/, ''));
const entryGlob = files.every((file) => /^src\/[\w.-]+\.ts$/.test(file)) ? `src/@(${names.join('|')}).ts` : files[0];
const configDir = mkdtempSync(join(tmpdir(), 'etkit-typedoc-'));
const config = join(configDir, 'typedoc.json');
const repo = join(baseConfig, '..', '..', '..');
writeFileSync(
  config,
  JSON.stringify({
    extends: [baseConfig],
    entryPoints: packages.map((pkg) => pkg.dir),
    out: join(repo, 'docs', 'api'),
    packageOptions: {
      ...(await import(baseConfig, { with: { type: 'json' } })).default.packageOptions,
      entryPoints: [entryGlob],
    },
  }),
);
console.log(`TypeDoc: ${packages.map((pkg) => pkg.name).join(', ')}; entries ${entryGlob}`);
const result = await run(bin('typedoc'), ['--options', config], { timeoutMs: 300_000 });
rmSync(configDir, { recursive: true, force: true });
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
if (result.code === 0)
  console.log(`API reference written to ${relative(process.cwd(), join(repo, 'docs', 'api'))}/index.html`);
process.exitCode = result.code;
