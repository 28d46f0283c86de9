// A package's tests, benches and scripts import only the workspace packages it depends on at run time
// (dependencies, peerDependencies, optionalDependencies): a test that drives the sandbox with the client, or checks
// notify against the OpenAPI document, is a cross-package test and lives in tests/integration (apps and examples may
// import what they like). Otherwise a devDependency quietly ties two packages together at test time, and a test
// loop (sandbox ↔ client) grows back. Private tooling packages (@etkit/spec, @etkit/runtime-harness) are test
// equipment, not products, and may be imported anywhere. scripts/test/package-test-imports.test.ts keeps it so.
//   node scripts/ci/undeclared-package-imports.mjs
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const CODE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.turbo', '.cache', 'coverage', 'test-results']);
// `import … from 'x'`, `export … from 'x'`, `import 'x'` at the start of a statement (code inside strings that a
// test runs in a child process included: that process imports the package just the same).
const STATIC_SPECIFIER = /(?:^|[\s;{(`])(?:import|export)\s(?:[^'";]*?\sfrom\s)?\s*(['"])([^'"]+)\1/g;
// `import('x')`, `require('x')`, `require.resolve('x')`, `createRequire(…).resolve('x')`, `import.meta.resolve('x')`.
const CALLED_SPECIFIER = /(?:\bimport|\brequire|\.resolve)\(\s*(['"])([^'"]+)\1\s*[,)]/g;
const RUN_TIME_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'];

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The workspace's package folders, from pnpm-workspace.yaml's `packages:` list (`dir/*` and plain `dir` entries). */
export function workspaceFolders(root) {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const list = yaml.match(/^packages:\n((?:[ \t]+-[^\n]*\n?)+)/m)?.[1] ?? '';
  const patterns = [...list.matchAll(/-\s*['"]?([^'"\n]+?)['"]?\s*$/gm)].map((match) => match[1]);
  return patterns.flatMap((pattern) => {
    const folders = pattern.endsWith('/*')
      ? readdirSync(join(root, pattern.slice(0, -2))).map((name) => join(pattern.slice(0, -2), name))
      : [pattern];
    return folders.filter((folder) => existsSync(join(root, folder, 'package.json')));
  });
}

function codeFiles(directory) {
  const files = [];
  for (const entry of readdirSync(directory)) {
    if (SKIPPED_DIRECTORIES.has(entry) || entry.startsWith('.')) continue;
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) files.push(...codeFiles(path));
    else if (CODE.test(entry) && !entry.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

function specifiers(text) {
  return [...text.matchAll(STATIC_SPECIFIER), ...text.matchAll(CALLED_SPECIFIER)].map((match) => match[2]);
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const inside = (folder, path) => path === folder || path.startsWith(folder + sep);

/**
 * Every import, in the folders under `groups` (default: packages/), of another published workspace package that
 * the importing package does not depend on at run time; relative paths into another workspace package count too.
 */
export function findUndeclaredPackageImports(root, groups = ['packages']) {
  const workspaces = workspaceFolders(root).map((folder) => {
    const manifest = readJson(join(root, folder, 'package.json'));
    return { folder, directory: resolve(root, folder), manifest };
  });
  const published = new Map(
    workspaces.filter(({ manifest }) => !manifest.private).map((workspace) => [workspace.manifest.name, workspace]),
  );
  const checked = workspaces.filter(({ folder }) => groups.some((group) => inside(group, folder)));
  const problems = [];
  for (const { directory, manifest } of checked) {
    const allowed = new Set([manifest.name, ...RUN_TIME_FIELDS.flatMap((field) => Object.keys(manifest[field] ?? {}))]);
    for (const file of codeFiles(directory)) {
      for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
        let imported;
        if (specifier.startsWith('.')) {
          const target = resolve(dirname(file), specifier);
          if (inside(directory, target)) continue;
          imported = workspaces.find((workspace) => inside(workspace.directory, target))?.manifest;
          // A relative path into another workspace (its source or its test helpers) is never declared.
          if (imported) problems.push({ file: relative(root, file), specifier, package: imported.name });
          continue;
        }
        imported = published.get(packageName(specifier))?.manifest;
        if (imported && !allowed.has(imported.name)) {
          problems.push({ file: relative(root, file), specifier, package: imported.name });
        }
      }
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const problems = findUndeclaredPackageImports(process.cwd());
  for (const { file, specifier } of problems) console.log(`${file}: imports ${specifier} without depending on it`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
