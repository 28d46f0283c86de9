// One import-specifier style: a relative import names the file it loads as it will exist after the build,
// `./client.js` (or `./folder/index.js`), as Node's ESM resolution and TypeScript's NodeNext require and bundlers and
// tsx accept. The one exception is apps/notify-worker, whose entries Deno runs from source: there `.ts`.
// scripts/test/import-specifiers.test.ts keeps the repository so.
//   node scripts/ci/import-specifiers.mjs [--fix] [directory …]
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SOURCE = /\.(ts|tsx|mts)$/;
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.turbo', '.cache', 'coverage']);
// `import … from './x'`, `export … from './x'`, `import './x'`, `import('./x')`, at the start of a statement.
const RELATIVE_SPECIFIER =
  /((?:^|[\s;{(])(?:import|export)\s(?:[^'";]*?\sfrom\s)?\s*|(?:^|[\s;=(])import\(\s*)(['"])(\.{1,2}\/[^'"]+)\2/g;
// Files loaded by something other than the module graph (JSON, styles) keep their own extension.
const OTHER_FILE = /\.(json|css|html|txt|wasm|cjs|mjs)$/;

/** The roots the rule covers: every workspace's sources, tests, benches and scripts. */
export const DEFAULT_ROOTS = ['packages', 'apps', 'tests', 'examples', 'scripts', 'tools', 'spec'];
/** Roots whose files are run from source by a runtime that needs the real extension (Deno). */
const TS_EXTENSION_ROOTS = ['apps/notify-worker'];

function sourceFiles(directory) {
  if (!existsSync(directory)) return [];
  const files = [];
  for (const entry of readdirSync(directory)) {
    if (SKIPPED_DIRECTORIES.has(entry)) continue;
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    // Config files (loaded by vitest's own loader) and generated files are outside the rule.
    else if (SOURCE.test(entry) && !/\.(d|generated|config)\.ts$/.test(entry)) files.push(path);
  }
  return files;
}

/** The specifier in the house style, or undefined when the target file cannot be found (left for a human). */
function preferredSpecifier(file, specifier, extension) {
  if (OTHER_FILE.test(specifier)) return specifier;
  const withoutExtension = specifier.replace(/\.(js|ts|tsx|mts|mjs)$/, '');
  const base = resolve(dirname(file), withoutExtension);
  for (const suffix of ['.ts', '.tsx', '.mts']) {
    if (existsSync(base + suffix)) return withoutExtension + (suffix === '.mts' ? '.mjs' : extension);
  }
  if (existsSync(join(base, 'index.ts'))) return `${withoutExtension}/index${extension}`;
  if (existsSync(`${base}.js`) || existsSync(`${base}.mjs`)) return specifier;
  // Not found from this file: code in a string, run from another directory. It still follows the style.
  if (/\.(js|ts)$/.test(specifier)) return withoutExtension + extension;
  return undefined;
}

/** Every relative specifier not in the house style, with the one it should be. */
export function findSpecifierProblems(root, directories = DEFAULT_ROOTS) {
  const problems = [];
  for (const directory of directories) {
    for (const file of sourceFiles(resolve(root, directory))) {
      const path = relative(root, file);
      const extension = TS_EXTENSION_ROOTS.some((prefix) => path.startsWith(`${prefix}/`)) ? '.ts' : '.js';
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(RELATIVE_SPECIFIER)) {
        const specifier = match[3];
        const wanted = preferredSpecifier(file, specifier, extension);
        if (wanted !== specifier) problems.push({ file: path, specifier, wanted });
      }
    }
  }
  return problems;
}

/** Rewrites every fixable specifier in place; returns the problems it could not fix. */
export function fixSpecifiers(root, directories = DEFAULT_ROOTS) {
  const byFile = new Map();
  for (const problem of findSpecifierProblems(root, directories)) {
    byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  }
  const unfixable = [];
  for (const [path, problems] of byFile) {
    const file = resolve(root, path);
    const wanted = new Map(problems.filter((p) => p.wanted !== undefined).map((p) => [p.specifier, p.wanted]));
    unfixable.push(...problems.filter((p) => p.wanted === undefined));
    const text = readFileSync(file, 'utf8').replace(RELATIVE_SPECIFIER, (whole, head, quote, specifier) =>
      wanted.has(specifier) ? `${head}${quote}${wanted.get(specifier)}${quote}` : whole,
    );
    writeFileSync(file, text);
  }
  return unfixable;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const fix = process.argv.includes('--fix');
  const directories = process.argv.slice(2).filter((argument) => argument !== '--fix');
  const root = process.cwd();
  const roots = directories.length > 0 ? directories : DEFAULT_ROOTS;
  const problems = fix ? fixSpecifiers(root, roots) : findSpecifierProblems(root, roots);
  for (const { file, specifier, wanted } of problems) {
    console.error(`${file}: '${specifier}' should be ${wanted === undefined ? '(target not found)' : `'${wanted}'`}`);
  }
  process.exitCode = problems.length === 0 ? 0 : 1;
}
