// Import loops between a package's own source files (type-only imports included: they tie the files together for
// a reader just the same). DESIGN.md asks for none; scripts/test/import-loops.test.ts keeps it so.
//   node scripts/ci/import-loops.mjs packages/notify/src
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SOURCE = /\.(ts|tsx|mts)$/;
// `import … from './x'`, `import type …`, `export … from './x'`, `import './x'`: relative specifiers only.
const RELATIVE_SPECIFIER = /(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s)?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(directory) {
  const files = [];
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (SOURCE.test(entry) && !entry.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

function resolveSpecifier(from, specifier, known) {
  const base = resolve(dirname(from), specifier).replace(/\.(js|ts|mjs|mts)$/, '');
  return [`${base}.ts`, `${base}.tsx`, `${base}.mts`, join(base, 'index.ts')].find((candidate) => known.has(candidate));
}

/** Every loop found by a depth-first walk, each as the list of files (relative to `directory`) that form it. */
export function findImportLoops(directory) {
  const files = sourceFiles(directory);
  const known = new Set(files);
  const edges = new Map(
    files.map((file) => {
      const text = readFileSync(file, 'utf8');
      const targets = [...text.matchAll(RELATIVE_SPECIFIER)]
        .map((match) => resolveSpecifier(file, match[1], known))
        .filter((target) => target !== undefined);
      return [file, targets];
    }),
  );
  const loops = [];
  const state = new Map(); // 1: on the current path, 2: done
  const path = [];
  const visit = (file) => {
    state.set(file, 1);
    path.push(file);
    for (const target of edges.get(file)) {
      if (state.get(target) === 1) loops.push([...path.slice(path.indexOf(target)), target]);
      else if (state.get(target) === undefined) visit(target);
    }
    path.pop();
    state.set(file, 2);
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return loops.map((loop) => loop.map((file) => relative(directory, file)));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  let found = 0;
  for (const directory of process.argv.slice(2)) {
    for (const loop of findImportLoops(directory)) {
      found += 1;
      console.log(`${directory}: ${loop.join(' → ')}`);
    }
  }
  console.log(found === 0 ? 'no import loops' : `${found} import loop(s)`);
  process.exitCode = found === 0 ? 0 : 1;
}
