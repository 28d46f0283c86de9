#!/usr/bin/env node
// `pnpm pack:tarballs`: builds and packs the seven packages into one folder (default `.tarballs/` at the root) and
// prints, for each, the `npm install` line that installs it into your project: its tarball plus those of the @etkit
// packages it depends on, since none of them is on npm yet (`npm install @etkit/client` answers 404).
//
//   node scripts/release/pack.mjs               # build, then pack into .tarballs/
//   node scripts/release/pack.mjs --out DIR     # pack into DIR instead (emptied first)
//   node scripts/release/pack.mjs --no-build    # pack what dist/ holds now (the tests, after a build)
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { installCommand, installPlan } from './lib/install-plan.mjs';
import { bin, listPackages, pnpmPackAll, repoRoot, run, tail } from './lib/workspace.mjs';

const outIndex = process.argv.indexOf('--out');
const outDir = outIndex === -1 ? join(repoRoot, '.tarballs') : resolve(process.argv[outIndex + 1] ?? '');
if (outIndex !== -1 && !process.argv[outIndex + 1]) {
  console.error('--out takes a folder');
  process.exit(2);
}

const packages = listPackages();
if (!process.argv.includes('--no-build')) {
  const build = await run(bin('turbo'), ['run', 'build', '--filter=./packages/*', '--output-logs=errors-only'], {
    timeoutMs: 600_000,
  });
  if (build.code !== 0) {
    console.error(`build failed:\n${tail(`${build.stdout}\n${build.stderr}`, 30)}`);
    process.exit(1);
  }
}
const unbuilt = packages.filter((pkg) => !existsSync(join(pkg.dir, 'dist')));
if (unbuilt.length > 0) {
  console.error(`No dist/ in ${unbuilt.map((pkg) => pkg.name).join(', ')}: run without --no-build.`);
  process.exit(1);
}

rmSync(outDir, { recursive: true, force: true }); // no tarball of an older version left to pick by mistake
mkdirSync(outDir, { recursive: true });
const packed = await pnpmPackAll(outDir);
const tarballs = new Map([...packed].map(([name, report]) => [name, report.tarball]));

console.log(`Packed ${packages.length} packages into ${outDir}.`);
console.log('They are not on npm yet: in your project, install a package with the @etkit tarballs it needs:\n');
for (const entry of installPlan(packages, (name) => tarballs.get(name))) {
  console.log(`${entry.name}\n  ${installCommand(entry)}\n`);
}
