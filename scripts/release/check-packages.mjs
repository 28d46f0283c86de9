#!/usr/bin/env node
// Release readiness of every packages/* package: build output, packed files, metadata, README, publint,
// Are The Types Wrong (node16 profile: ESM + CJS under node16 and bundler resolution) and gzip size budgets
// for the portable packages. Exits non-zero with a table when anything fails.
//
//   node scripts/release/check-packages.mjs                # check (run after `pnpm build`)
//   node scripts/release/check-packages.mjs --write-budgets # record missing budgets at measured size + 25 %
//   node scripts/release/check-packages.mjs --only constants,crypto
//   node scripts/release/check-packages.mjs --skip attw,size   # leave out slow or unrelated checks (tests)
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPackage as areTheTypesWrong, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { codeSubpaths, exportTargets, resolveExport } from './lib/exports.mjs';
import { measureEntry } from './lib/size.mjs';
import { formatTable, isImplemented, listPackages, PORTABLE, pnpmPack, pnpmPackAll, pool } from './lib/workspace.mjs';

const BUDGETS_FILE = new URL('./size-budgets.json', import.meta.url);
const BUDGET_HEADROOM = 1.25;
const REPOSITORY_URL = 'git+https://github.com/etkit/etkit.git';
const writeBudgets = process.argv.includes('--write-budgets');
// attw's node16 profile: node10 resolution (no `exports` support) is out of scope, engines say Node ≥ 20.19.
const IGNORED_RESOLUTIONS = new Set(['node10']);
const budgets = JSON.parse(readFileSync(BUDGETS_FILE, 'utf8'));
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex === -1 ? undefined : new Set(process.argv[onlyIndex + 1]?.split(','));

const checks = ['dist', 'files', 'metadata', 'readme', 'publint', 'attw', 'size'];
// dist and files (the pack) are what the other checks read: they always run.
const skippable = new Set(['metadata', 'readme', 'publint', 'attw', 'size']);
const skipIndex = process.argv.indexOf('--skip');
const skip = new Set(skipIndex === -1 ? [] : (process.argv[skipIndex + 1] ?? '').split(','));
for (const name of skip) {
  if (!skippable.has(name)) {
    console.error(`--skip takes a comma-separated list of: ${[...skippable].join(', ')}`);
    process.exit(2);
  }
}

/** One check's outcome: `ok`, or a list of problems (each a line of text). */
class Outcome {
  problems = [];
  notes = [];
  fail(message) {
    this.problems.push(message);
  }
  note(message) {
    this.notes.push(message);
  }
  get cell() {
    return this.problems.length === 0 ? 'ok' : `FAIL(${this.problems.length})`;
  }
}

function checkDist(pkg) {
  const outcome = new Outcome();
  const { manifest } = pkg;
  const targets = new Set([
    ...exportTargets(manifest.exports ?? {}),
    ...['main', 'module', 'types'].map((field) => manifest[field]).filter(Boolean),
    ...Object.values(typeof manifest.bin === 'string' ? { bin: manifest.bin } : (manifest.bin ?? {})),
  ]);
  if (!existsSync(join(pkg.dir, 'dist'))) {
    outcome.fail('no dist/ — run `pnpm build` first');
    return outcome;
  }
  for (const target of targets) {
    if (!existsSync(join(pkg.dir, target))) outcome.fail(`${target} (named in package.json) does not exist`);
  }
  // A build older than the sources or the manifest checks yesterday's package, not today's.
  const built = oldestMtime(join(pkg.dir, 'dist'));
  const edited = Math.max(newestMtime(join(pkg.dir, 'src')), statSync(join(pkg.dir, 'package.json')).mtimeMs);
  if (built < edited) outcome.fail(`${STALE} — rebuild (\`pnpm build\`)`);
  return outcome;
}

const STALE = 'dist/ is older than src/ or package.json';

function fileTimes(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
}
const oldestMtime = (dir) => Math.min(...fileTimes(dir));
const newestMtime = (dir) => Math.max(0, ...fileTimes(dir));

function checkFiles(pkg, packed) {
  const outcome = new Outcome();
  const { manifest } = pkg;
  if (!Array.isArray(manifest.files)) outcome.fail('no `files` allow-list: everything in the folder would ship');
  else if (!manifest.files.includes('dist')) outcome.fail('`files` does not include dist');
  const shipped = new Set(packed.files);
  for (const target of exportTargets(manifest.exports ?? {})) {
    if (!shipped.has(target.replace(/^\.\//, ''))) outcome.fail(`${target} is exported but not in the tarball`);
  }
  for (const required of ['package.json', 'README.md']) {
    if (!shipped.has(required)) outcome.fail(`${required} is not in the tarball`);
  }
  if (!packed.files.some((file) => /^LICEN[CS]E(\.md|\.txt)?$/i.test(file))) {
    outcome.fail(`no LICENSE file in the tarball (license is ${manifest.license ?? 'unset'}; MIT asks for its text)`);
  }
  const stray = packed.files.filter((file) =>
    /(^|\/)(test|tests|__tests__|fixtures|node_modules|\.turbo|coverage)\/|\.test\.[cm]?[jt]s$|\.tsbuildinfo$|(^|\/)\.env/.test(
      file,
    ),
  );
  for (const file of stray) outcome.fail(`${file} should not ship`);
  outcome.note(`${packed.files.length} files`);
  return outcome;
}

function checkMetadata(pkg) {
  const outcome = new Outcome();
  const { manifest, folder } = pkg;
  if (typeof manifest.description !== 'string' || manifest.description.length < 10) outcome.fail('description missing');
  if (!Array.isArray(manifest.keywords) || manifest.keywords.length === 0) outcome.fail('keywords missing');
  if (typeof manifest.license !== 'string') outcome.fail('license missing');
  const repository = manifest.repository;
  if (typeof repository !== 'object' || repository.url !== REPOSITORY_URL) {
    outcome.fail(`repository.url should be ${REPOSITORY_URL}`);
  } else if (repository.directory !== `packages/${folder}`) {
    outcome.fail(`repository.directory should be packages/${folder}`);
  }
  if (typeof manifest.homepage !== 'string' || !manifest.homepage.startsWith('https://'))
    outcome.fail('homepage missing');
  if (manifest.bugs === undefined) outcome.fail('bugs missing');
  // false, or a list naming the few files that do have side effects (e.g. crypto's Node entry registering a
  // provider); anything else stops bundlers from tree-shaking the package.
  if (Array.isArray(manifest.sideEffects)) outcome.note(`sideEffects limited to ${manifest.sideEffects.join(', ')}`);
  else if (manifest.sideEffects !== false) outcome.fail('sideEffects should be false (or a list of files)');
  if (manifest.type !== 'module') outcome.fail('type should be "module"');
  // The CJS builds require() ESM-only dependencies (@noble/*, micro-rsa-dsa-dh), which Node supports from 20.19
  // (unflagged require(esm)); smoke.mjs shows it per package. engines must not promise older Node versions.
  const engines = /^>=\s*(\d+)\.(\d+)/.exec(manifest.engines?.node ?? '');
  if (!engines) outcome.fail('engines.node missing (expected ">=20.19")');
  else if (Number(engines[1]) < 20 || (Number(engines[1]) === 20 && Number(engines[2]) < 19)) {
    outcome.fail(`engines.node ${manifest.engines.node} promises Node < 20.19, which cannot require() ES modules`);
  }
  if (manifest.publishConfig?.access !== 'public') outcome.fail('publishConfig.access should be "public"');
  if (manifest.private) outcome.fail('package is private');
  if (manifest.exports?.['./package.json'] !== './package.json') outcome.fail('exports lacks "./package.json"');
  const subpaths = codeSubpaths(manifest);
  if (subpaths.length === 0) outcome.fail('exports has no JavaScript entry');
  for (const { subpath, entry } of subpaths) {
    const expected = [
      [['import', 'types'], /\.d\.ts$/, 'import → types (.d.ts)'],
      [['import'], /\.js$/, 'import → default (.js)'],
      [['require', 'types'], /\.d\.cts$/, 'require → types (.d.cts)'],
      [['require'], /\.cjs$/, 'require → default (.cjs)'],
    ];
    // Checked for a Node consumer and for any other runtime, in case the entry splits on the `node` condition.
    for (const runtime of [[], ['node']]) {
      for (const [conditions, pattern, label] of expected) {
        const target = resolveExport(entry, new Set([...runtime, ...conditions]));
        if (typeof target !== 'string' || !pattern.test(target)) {
          const who = runtime.length > 0 ? ' (node)' : '';
          outcome.fail(`exports["${subpath}"]${who}: ${label} missing (got ${target ?? 'nothing'})`);
        }
      }
    }
  }
  for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
    if (name.startsWith('@etkit/') && !String(range).startsWith('workspace:')) {
      outcome.fail(`${name}: internal dependency should use workspace: (got ${range})`);
    }
  }
  return outcome;
}

function checkReadme(pkg) {
  const outcome = new Outcome();
  const file = join(pkg.dir, 'README.md');
  if (!existsSync(file)) outcome.fail('README.md missing');
  else if (statSync(file).size < 500) outcome.fail(`README.md is only ${statSync(file).size} bytes`);
  else {
    const text = readFileSync(file, 'utf8');
    if (!/npm install|pnpm add/.test(text)) outcome.fail('README has no install instructions');
    if (!/```(ts|js|typescript|javascript|sh)/.test(text)) outcome.fail('README has no code example');
  }
  return outcome;
}

async function checkPublint(packed) {
  const outcome = new Outcome();
  // publint reads the tarball we packed (the bytes we would publish) rather than packing again with whatever
  // `pnpm` its own lookup finds on PATH.
  const bytes = readFileSync(packed.tarball);
  const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const { messages, pkg: manifest } = await publint({ level: 'suggestion', pack: { tarball } });
  for (const message of messages) {
    const text = `${message.type}: ${formatMessage(message, manifest, { color: false })}`;
    if (message.type === 'suggestion') outcome.note(text);
    else outcome.fail(text);
  }
  return outcome;
}

async function checkTypes(pkg, packed) {
  const outcome = new Outcome();
  // The tarball from `pnpm pack` (what we publish), under the node16 profile: ESM and CJS consumers with
  // node16 resolution plus bundler resolution; node10 (no `exports` support) is out of scope (engines ≥ 20.19).
  // Data subpaths (e.g. openapi's ./openapi.yaml) have no types by nature: attw would report NoResolution.
  // attw's own library, in this process: its command line loads TypeScript again for each package (12 -> 3 CPU-s).
  const dataSubpaths = Object.entries(pkg.manifest.exports ?? {})
    .filter(([subpath, entry]) => {
      const target = resolveExport(entry, new Set(['import']));
      return subpath !== './package.json' && typeof target === 'string' && !/\.(?:[cm]?js|json)$/.test(target);
    })
    .map(([subpath]) => subpath);
  if (dataSubpaths.length > 0) outcome.note(`not type-checked (data files): ${dataSubpaths.join(', ')}`);
  let analysis;
  try {
    const tarball = createPackageFromTarballData(new Uint8Array(readFileSync(packed.tarball)));
    analysis = await areTheTypesWrong(tarball, { excludeEntrypoints: dataSubpaths });
  } catch (error) {
    outcome.fail(`attw did not run: ${error instanceof Error ? error.message : error}`);
    return outcome;
  }
  if (!analysis.types) {
    outcome.fail('attw found no types in the package');
    return outcome;
  }
  for (const problem of analysis.problems) {
    // attw reports every resolution; the node16 profile leaves node10 out.
    if (IGNORED_RESOLUTIONS.has(problem.resolutionKind)) continue;
    const where = [problem.entrypoint, problem.resolutionKind].filter(Boolean).join(' ');
    outcome.fail(`${problem.kind}${where ? ` (${where})` : ''}`);
  }
  return outcome;
}

function checkSize(pkg) {
  const outcome = new Outcome();
  if (!PORTABLE.has(pkg.name)) {
    outcome.note('not a portable package: no budget');
    return { outcome, cell: '-' };
  }
  budgets.packages[pkg.name] ??= {};
  const packageBudgets = budgets.packages[pkg.name];
  const cells = [];
  for (const { subpath, entry } of codeSubpaths(pkg.manifest)) {
    const file = resolveExport(entry, new Set(['import']));
    if (!existsSync(join(pkg.dir, file))) continue; // reported by the dist check
    const size = measureEntry(pkg.dir, file);
    const budget = packageBudgets[subpath];
    if (budget === null) {
      outcome.note(`${subpath}: ${size.gzip} B gzip (not budgeted: Node-only entry)`);
      continue;
    }
    if (budget === undefined) {
      if (writeBudgets) {
        packageBudgets[subpath] = Math.ceil((size.gzip * BUDGET_HEADROOM) / 10) * 10;
        outcome.note(`${subpath}: budget recorded at ${packageBudgets[subpath]} B`);
      } else {
        outcome.fail(`${subpath}: ${size.gzip} B gzip, no budget (run with --write-budgets)`);
      }
    } else if (size.gzip > budget) {
      outcome.fail(`${subpath}: ${size.gzip} B gzip exceeds the budget of ${budget} B (${size.files.join(', ')})`);
    }
    cells.push(
      `${subpath === '.' ? '' : `${subpath} `}${(size.gzip / 1024).toFixed(1)}k/${((packageBudgets[subpath] ?? 0) / 1024).toFixed(1)}k`,
    );
  }
  return { outcome, cell: cells.join(' ') };
}

async function checkPackage(pkg, packDir, packedAll) {
  if (!isImplemented(pkg)) return { pkg, skipped: 'not implemented yet (src entry is `export {};`)' };
  const outcomes = { dist: checkDist(pkg) };
  if (outcomes.dist.problems.some((problem) => !problem.startsWith(STALE))) return { pkg, outcomes, stopped: true };
  let packed;
  try {
    packed = packedAll?.get(pkg.name) ?? (await pnpmPack(pkg, packDir));
  } catch (error) {
    outcomes.files = new Outcome();
    outcomes.files.fail(String(error.message));
    return { pkg, outcomes, stopped: true };
  }
  outcomes.files = checkFiles(pkg, packed);
  if (!skip.has('metadata')) outcomes.metadata = checkMetadata(pkg);
  if (!skip.has('readme')) outcomes.readme = checkReadme(pkg);
  if (!skip.has('publint')) outcomes.publint = await checkPublint(packed);
  if (!skip.has('attw')) outcomes.attw = await checkTypes(pkg, packed);
  if (skip.has('size')) return { pkg, outcomes };
  const size = checkSize(pkg);
  outcomes.size = size.outcome;
  return { pkg, outcomes, sizeCell: size.cell };
}

const packDir = mkdtempSync(join(tmpdir(), 'etkit-check-'));
try {
  const selected = listPackages().filter((pkg) => !only || only.has(pkg.folder));
  // Every package at once with one recursive pack (pnpm's start-up is most of a pack's time); one at a time for
  // --only, or when the recursive pack fails, so each package's own pack error lands in its row.
  const packedAll = only ? undefined : await pnpmPackAll(packDir).catch(() => undefined);
  const results = await pool(selected, 2, (pkg) => checkPackage(pkg, packDir, packedAll));
  const rows = [['package', ...checks, 'size gzip/budget', 'result']];
  let failed = 0;
  for (const result of results) {
    if (result.skipped) {
      rows.push([result.pkg.name, ...checks.map(() => '-'), '', 'SKIP']);
      continue;
    }
    const bad = Object.values(result.outcomes).some((outcome) => outcome.problems.length > 0);
    if (bad) failed++;
    rows.push([
      result.pkg.name,
      ...checks.map((check) => result.outcomes[check]?.cell ?? (result.stopped ? 'n/a' : '-')),
      result.sizeCell ?? '',
      bad ? 'FAIL' : 'ok',
    ]);
  }
  console.log(formatTable(rows));
  for (const result of results) {
    if (result.skipped) {
      console.log(`\n${result.pkg.name}: skipped, ${result.skipped}`);
      continue;
    }
    const lines = Object.entries(result.outcomes).flatMap(([check, outcome]) => [
      ...outcome.problems.map((problem) => `  ✗ ${check}: ${problem}`),
      ...outcome.notes.map((note) => `  · ${check}: ${note}`),
    ]);
    if (lines.length > 0) console.log(`\n${result.pkg.name}\n${lines.join('\n')}`);
  }
  if (writeBudgets) {
    writeFileSync(BUDGETS_FILE, `${JSON.stringify(budgets, null, 2)}\n`);
    console.log(`\nBudgets written to ${BUDGETS_FILE.pathname}`);
  }
  const passed =
    skip.size === 0
      ? 'All implemented packages are ready to publish.'
      : `All implemented packages passed the checks run (skipped: ${[...skip].join(', ')}).`;
  console.log(failed === 0 ? `\n${passed}` : `\n${failed} package(s) failed.`);
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  rmSync(packDir, { recursive: true, force: true });
}
