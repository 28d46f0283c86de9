// Gzip size of an ESM entry and every chunk it statically imports, as a bundler would ship it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g;

/** Files reachable from `entryFile` through relative imports (chunks), the entry first. */
export function moduleClosure(entryFile) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) visit(join(dirname(file), match[1]));
  };
  visit(entryFile);
  return [...seen];
}

/** `{ raw, gzip, files }`: sizes of the entry and its chunks concatenated (gzip level 9, source maps excluded). */
export function measureEntry(packageDir, entryFile) {
  const files = moduleClosure(join(packageDir, entryFile));
  const code = Buffer.concat(files.map((file) => readFileSync(file)));
  return {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    files: files.map((file) => relative(packageDir, file)),
  };
}
