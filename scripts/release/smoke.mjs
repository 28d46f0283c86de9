#!/usr/bin/env node
// Installs every implemented package from its packed tarball into a fresh project outside the workspace and
// runs the programs in scripts/release/smoke/<package>/ under: Node ESM, Node CommonJS, TypeScript node16
// (as .mts and .cts) and bundler resolution, and, for the portable packages, Bun and Deno.
//
//   node scripts/release/smoke.mjs [--keep] [--only constants,crypto]   (run after `pnpm build`)
//
// Per package, scripts/release/smoke/<folder>/ holds: esm.mjs, cjs.cjs, typed.ts (type-checked by lib/type-check.mjs, not run:
// copied to node16-esm.mts, node16-cjs.cts and bundler.ts). Third-party dependencies come from the npm
// registry through one shared npm cache, so later runs work offline.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Bun and Deno are not in the workspace install: the pinned versions come from the runtime harness's cache
// (installed there on first use). This script runs under tsx (`check:release`) to import it.
import { runtimeBinary } from '../../tools/runtime-harness/src/runtimes.ts';
import {
  dependencyClosure,
  formatTable,
  isImplemented,
  listPackages,
  PORTABLE,
  pnpmPackAll,
  pool,
  run,
  tail,
} from './lib/workspace.mjs';

const SMOKE_DIR = new URL('./smoke/', import.meta.url).pathname;
const TYPE_CHECK = new URL('./lib/type-check.mjs', import.meta.url).pathname;
const CACHE_DIR = process.env.ETKIT_SMOKE_CACHE ?? join(tmpdir(), 'etkit-smoke-cache');
const NODE_TYPES = '@types/node@^20.19.0'; // a Node consumer's types (node16 checks; bundler checks of Node-only packages)
const keep = process.argv.includes('--keep');
const onlyIndex = process.argv.indexOf('--only');
const onlyArgument = onlyIndex === -1 ? undefined : process.argv[onlyIndex + 1];
const only = onlyArgument ? new Set(onlyArgument.split(',')) : undefined;

const STEPS = ['install', 'esm', 'cjs', 'ts-node16', 'ts-bundler', 'bun', 'deno'];
// Informational: CommonJS with require(esm) turned off, i.e. Node < 20.19 behaviour (not counted as a failure).
const PRE_REQUIRE_ESM = 'cjs<20.19';

const started = performance.now();
const all = listPackages();
const byName = new Map(all.map((pkg) => [pkg.name, pkg]));
const selected = all.filter((pkg) => !only || only.has(pkg.folder));
const skipped = selected.filter((pkg) => !isImplemented(pkg));
const targets = selected.filter((pkg) => isImplemented(pkg));
for (const pkg of skipped) console.log(`skip ${pkg.name}: not implemented yet (src entry is \`export {};\`)`);
if (targets.length === 0) {
  console.log('Nothing to smoke-test yet.');
  process.exit(0);
}

mkdirSync(CACHE_DIR, { recursive: true });
const workDir = mkdtempSync(join(tmpdir(), 'etkit-smoke-'));
const tarballDir = join(workDir, 'tarballs');
mkdirSync(tarballDir);

// Pack every package the targets need (their @etkit dependencies too, implemented or not: they must install).
const needed = [...new Set(targets.flatMap((pkg) => dependencyClosure(pkg, byName)))];
const missingBuild = needed.filter((pkg) => !existsSync(join(pkg.dir, 'dist')));
if (missingBuild.length > 0) {
  console.error(`No dist/ in ${missingBuild.map((pkg) => pkg.name).join(', ')}: run \`pnpm build\` first.`);
  process.exit(1);
}
// One recursive pack for all of them: pnpm's start-up is most of a pack's time.
const packed = await pnpmPackAll(tarballDir);
const tarballs = new Map(needed.map((pkg) => [pkg.name, packed.get(pkg.name).tarball]));

/** Project files for the TypeScript checks: node16 (ESM + CJS files) and bundler resolution. */
function writeTypeScriptProject(project, portable) {
  const base = {
    strict: true,
    noEmit: true,
    target: 'ES2022',
    lib: ['ES2022', 'DOM'],
    // Our own declaration files are checked too: a consumer without skipLibCheck must not see errors.
    skipLibCheck: false,
    // TypeScript's own lib.*.d.ts (DOM above all) hold nothing of ours; checking them was half of each run's time.
    skipDefaultLibCheck: true,
  };
  cpSync(join(project, 'typed.ts'), join(project, 'node16-esm.mts'));
  cpSync(join(project, 'typed.ts'), join(project, 'node16-cjs.cts'));
  cpSync(join(project, 'typed.ts'), join(project, 'bundler.ts'));
  const config = (compilerOptions, files) =>
    `${JSON.stringify({ compilerOptions: { ...base, ...compilerOptions }, files }, null, 2)}\n`;
  writeFileSync(
    join(project, 'tsconfig.node16.json'),
    // node16 resolution is a Node consumer: it picks `node` export conditions and has @types/node.
    config({ module: 'node16', moduleResolution: 'node16', types: ['node'] }, ['node16-esm.mts', 'node16-cjs.cts']),
  );
  writeFileSync(
    join(project, 'tsconfig.bundler.json'),
    // bundler resolution of a portable package is any runtime: its types must not need @types/node.
    config({ module: 'ESNext', moduleResolution: 'bundler', types: portable ? [] : ['node'] }, ['bundler.ts']),
  );
}

/** Warnings a step printed (e.g. Node's ExperimentalWarning for require() of an ES module). */
function warningsOf(result) {
  return result.stderr
    .split('\n')
    .filter((line) => /Warning/.test(line))
    .map((line) => line.replace(/^\(node:\d+\) /, '').trim());
}

/** A step's outcome from a command's result. */
function stepOutcome(result) {
  return {
    ok: result.code === 0,
    ms: result.ms,
    warnings: warningsOf(result),
    detail: result.code === 0 ? '' : tail(`${result.stdout}\n${result.stderr}`),
  };
}

/**
 * Installs the package from its tarball in a consumer project of its own and runs the programs there. The
 * TypeScript checks come after, for all projects at once (checkTypes); `configs` names what they should check.
 */
async function smoke(pkg) {
  const steps = {};
  const programs = join(SMOKE_DIR, pkg.folder);
  if (!existsSync(join(programs, 'esm.mjs'))) {
    steps.install = { ok: false, detail: `no smoke programs in scripts/release/smoke/${pkg.folder}/ — add them` };
    return { pkg, steps, configs: [] };
  }
  const project = mkdtempSync(join(workDir, `${pkg.folder}-`));
  const portable = PORTABLE.has(pkg.name);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: `smoke-${pkg.folder}`, private: true }, null, 2)}\n`,
  );
  const installArgs = [
    'install',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    '--loglevel=error',
    '--cache',
    CACHE_DIR,
    ...dependencyClosure(pkg, byName).map((dep) => tarballs.get(dep.name)),
    NODE_TYPES,
  ];
  const record = (step, result) => {
    steps[step] = stepOutcome(result);
    return result.code === 0;
  };
  if (!record('install', await run('npm', installArgs, { cwd: project, timeoutMs: 150_000 }))) {
    return { pkg, steps, configs: [] };
  }
  cpSync(programs, project, { recursive: true });
  writeTypeScriptProject(project, portable);

  record('esm', await run(process.execPath, ['esm.mjs'], { cwd: project }));
  record('cjs', await run(process.execPath, ['cjs.cjs'], { cwd: project }));
  const legacy = await run(process.execPath, ['--no-experimental-require-module', 'cjs.cjs'], { cwd: project });
  steps[PRE_REQUIRE_ESM] = {
    ok: true,
    info: legacy.code === 0 ? 'works' : /ERR_REQUIRE_ESM/.test(legacy.stderr) ? 'needs require(esm)' : 'fails',
    detail: legacy.code === 0 ? '' : tail(legacy.stderr, 3),
    warnings: [],
  };
  if (portable) {
    record('bun', await run(await runtimeBinary('bun'), ['--no-install', 'esm.mjs'], { cwd: project }));
    // --node-modules-dir=manual: Deno resolves bare specifiers through package.json + the installed
    // node_modules; --cached-only forbids any download. No --allow-* flags: portable code needs no permissions.
    record(
      'deno',
      await run(
        await runtimeBinary('deno'),
        ['run', '--node-modules-dir=manual', '--cached-only', '--no-prompt', 'esm.mjs'],
        {
          cwd: project,
          env: { DENO_DIR: join(CACHE_DIR, 'deno'), DENO_NO_UPDATE_CHECK: '1' },
        },
      ),
    );
  }
  const configs = [
    ['ts-node16', join(project, 'tsconfig.node16.json')],
    ['ts-bundler', join(project, 'tsconfig.bundler.json')],
  ];
  return { pkg, steps, configs };
}

/**
 * Every project's node16 and bundler checks in one process (lib/type-check.mjs: what tsc -p reports, @types/node
 * aside), which parses TypeScript's lib files once for all of them: 22 -> 10 CPU-s against one process per project.
 */
async function checkTypes(results) {
  const configs = results.flatMap((result) => result.configs.map(([, config]) => config));
  if (configs.length === 0) return;
  const checked = await run(process.execPath, [TYPE_CHECK, ...configs], { cwd: workDir, timeoutMs: 300_000 });
  const reports = new Map(
    checked.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .map((report) => [report.config, report]),
  );
  for (const { steps, configs: checks } of results) {
    for (const [step, config] of checks) {
      const report = reports.get(config);
      steps[step] = stepOutcome(
        report
          ? { code: report.ok ? 0 : 1, ms: report.ms, stdout: report.output, stderr: '' }
          : { ...checked, code: checked.code || 1 },
      );
    }
  }
}

let results;
try {
  results = await pool(targets, 2, smoke);
  await checkTypes(results);
} finally {
  if (keep) console.log(`kept ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
}

const cell = (step) => {
  if (!step) return '-';
  if (!step.ok) return 'FAIL';
  return step.warnings.length > 0 ? `ok* ${step.ms}ms` : `ok ${step.ms}ms`;
};
const rows = [['package', ...STEPS, PRE_REQUIRE_ESM]];
for (const { pkg, steps } of results) {
  rows.push([pkg.name, ...STEPS.map((step) => cell(steps[step])), steps[PRE_REQUIRE_ESM]?.info ?? '-']);
}
for (const pkg of skipped) rows.push([pkg.name, 'skipped: not implemented yet', ...STEPS.slice(1).map(() => '')]);
console.log(`\n${formatTable(rows)}`);
console.log('(ok* = passed with warnings, listed below; cjs<20.19 = the CommonJS program with require(esm) off, as on');
console.log(
  ' Node < 20.19: "needs require(esm)" means the CJS build loads an ESM-only dependency, so engines must say ≥ 20.19)',
);

let failures = 0;
for (const { pkg, steps } of results) {
  for (const [step, outcome] of Object.entries(steps)) {
    if (!outcome.ok) {
      failures++;
      console.log(`\n✗ ${pkg.name} ${step}:\n${outcome.detail.replace(/^/gm, '    ')}`);
    }
    for (const warning of new Set(outcome.warnings ?? [])) console.log(`! ${pkg.name} ${step}: ${warning}`);
  }
}
console.log(
  `\n${failures === 0 ? 'All smoke programs passed' : `${failures} step(s) failed`} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);
process.exitCode = failures === 0 ? 0 : 1;
