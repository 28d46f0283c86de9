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
// All of it runs in this one process, with TypeDoc's API: the packages' programs share their parsed source files
// (lib files, and the sibling packages each one imports from source), which one TypeDoc process per package parsed
// again every time (26 -> 9 CPU-s for the seven packages, measured alone; 15 -> 6.5 s).
//
//   node scripts/release/typedoc.mjs
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import {
  Application,
  Logger,
  LogLevel,
  OptionDefaults,
  PackageJsonReader,
  resetReflectionID,
  TSConfigReader,
  TypeDocReader,
} from 'typedoc';
import { sharedSourceFileHost } from '../ci/lib/shared-source-files.mjs';
import { isImplemented, listPackages, repoRoot } from './lib/workspace.mjs';

// The TypeScript TypeDoc itself loads, so that the programs made here are the kind its converter reads.
const ts = createRequire(createRequire(import.meta.url).resolve('typedoc'))('typescript');
const sharedOptions = new URL('./typedoc.json', import.meta.url).pathname;
const out = join(repoRoot, 'docs', 'api');
// openapi-typescript writes `@description` and `@constant` into the generated types; teach TypeDoc both.
const tagOptions = {
  blockTags: [...OptionDefaults.blockTags, '@description'],
  modifierTags: [...OptionDefaults.modifierTags, '@constant'],
};
// Options come from the object given and the files it names, never from this script's command line.
const optionReaders = () => [new TypeDocReader(), new PackageJsonReader(), new TSConfigReader()];

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

/** TypeDoc's messages, kept to print under the package they belong to. */
class CollectingLogger extends Logger {
  lines = [];
  log(message, level) {
    super.log(message, level);
    if (level >= this.level)
      this.lines.push(`[${level === LogLevel.Warn ? 'warning' : LogLevel[level].toLowerCase()}] ${message}`);
  }
}

/** Module names as TypeDoc gives them: each entry's path from the entries' common folder, without extension. */
function moduleNames(files) {
  const folders = files.map((file) => (files.length === 1 ? dirname(file) : file).split('/'));
  let common = 0;
  while (folders.every((parts) => parts[common] === folders[0][common] && common < parts.length)) common++;
  const base = folders[0].slice(0, common).join('/');
  return files.map((file) => relative(base, file).replace(/(\/index)?(\.d)?\.([cm][tj]s|[tj]sx?)$/, ''));
}

// Parsed source files, shared by every package's program.
const sourceFiles = new Map();

/**
 * A TypeDoc application for `options`. A conversion's entry points come from a program made with the shared source
 * files: the program TypeDoc would make from the same options, which it would give a host of its own.
 */
async function application(options) {
  // Reflection ids count from 1 in each project, as in a TypeDoc process of its own.
  resetReflectionID();
  const app = await Application.bootstrapWithPlugins(options, optionReaders());
  const logger = new CollectingLogger();
  logger.level = app.logger.level;
  app.logger = logger;
  if (options.entryPointStrategy === 'merge') return { app, logger };
  const entries = options.entryPoints;
  app.getEntryPoints = () => {
    const compilerOptions = app.options.getCompilerOptions(app.logger);
    const program = ts.createProgram({
      rootNames: app.options.getFileNames(),
      options: compilerOptions,
      projectReferences: app.options.getProjectReferences(),
      host: sharedSourceFileHost(ts, compilerOptions, sourceFiles),
    });
    const names = moduleNames(entries);
    return entries.map((file, index) => {
      const sourceFile = program.getSourceFile(file);
      if (!sourceFile) throw new Error(`${file} is not in the program of its tsconfig`);
      return { displayName: names[index], sourceFile, program };
    });
  };
  return { app, logger };
}

/** What TypeDoc's command line does after reading its options: convert, validate, write the outputs. */
async function convertAndWrite(app) {
  if (app.logger.hasErrors()) return false;
  const project = await app.convert();
  if (!project) return false;
  app.validate(project);
  if (app.logger.hasErrors()) return false;
  await app.generateOutputs(project);
  return !app.logger.hasErrors();
}

const all = listPackages();
for (const pkg of all.filter((candidate) => !isImplemented(candidate)))
  console.log(`skip ${pkg.name}: not implemented yet`);
const packages = all.filter(isImplemented);
const work = mkdtempSync(join(tmpdir(), 'etkit-typedoc-'));
const entryConfigs = [];
const startedIn = process.cwd();
let failed = false;
try {
  const projects = [];
  for (const pkg of packages) {
    const json = join(work, `${pkg.folder}.json`);
    const readme = join(pkg.dir, 'README.md');
    const entries = sourceEntries(pkg);
    // Beside the package's own tsconfig: `types` are looked up from the folder of the tsconfig that is used.
    const entriesOnly = join(pkg.dir, '.typedoc-entries.tsconfig.json');
    entryConfigs.push(entriesOnly);
    writeFileSync(
      entriesOnly,
      JSON.stringify({ extends: join(pkg.dir, 'tsconfig.json'), include: [], files: entries }),
    );
    // TypeDoc reads the package's package.json (its version) from the working directory.
    process.chdir(pkg.dir);
    let ok = false;
    let lines = [];
    try {
      const { app, logger } = await application({
        options: sharedOptions,
        tsconfig: entriesOnly,
        name: pkg.name,
        readme: existsSync(readme) ? readme : 'none',
        json,
        ...tagOptions,
        entryPoints: entries,
      });
      lines = logger.lines;
      ok = await convertAndWrite(app);
    } catch (error) {
      lines.push(`[error] ${error instanceof Error ? error.stack : error}`);
    } finally {
      process.chdir(startedIn);
    }
    console.log(`${ok ? '✓' : '✗'} ${pkg.name}: ${entries.map((file) => relative(pkg.dir, file)).join(', ')}`);
    for (const line of lines.filter((candidate) => /^\[(warning|error)\]/.test(candidate))) console.log(`    ${line}`);
    if (ok) projects.push(json);
    else failed = true;
  }
  if (projects.length > 0) {
    const { app, logger } = await application({
      entryPointStrategy: 'merge',
      name: 'etkit API reference',
      readme: 'none',
      out,
      entryPoints: projects,
    });
    if (await convertAndWrite(app)) {
      console.log(
        `API reference of ${projects.length} package(s) written to ${relative(process.cwd(), out)}/index.html`,
      );
    } else {
      failed = true;
      console.log(logger.lines.slice(-20).join('\n'));
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  for (const file of entryConfigs) rmSync(file, { force: true });
}
process.exitCode = failed ? 1 : 0;
