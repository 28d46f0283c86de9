// One import-specifier style across the repository: a relative import names the built file (`./x.js`,
// `./folder/index.js`); apps/notify-worker, run from source by Deno, names the `.ts` file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain ES module script without types
import { findSpecifierProblems, fixSpecifiers } from '../ci/import-specifiers.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Spelled apart so this file's own fixture text is not read as a dynamic import of a missing './b'.
const dynamicImport = 'import';

describe('import specifiers', () => {
  it('the repository uses one style', () => {
    expect(findSpecifierProblems(root)).toEqual([]);
  });

  it('finds bare and .ts specifiers, and --fix rewrites them to the built file', () => {
    const directory = mkdtempSync(join(tmpdir(), 'etkit-import-specifiers-'));
    try {
      mkdirSync(join(directory, 'packages/p/src/folder'), { recursive: true });
      mkdirSync(join(directory, 'apps/notify-worker/src'), { recursive: true });
      const source = join(directory, 'packages/p/src');
      writeFileSync(join(source, 'b.ts'), 'export const b = 1;\n');
      writeFileSync(join(source, 'folder/index.ts'), 'export const f = 1;\n');
      writeFileSync(join(source, 'data.json'), '{}\n');
      writeFileSync(
        join(source, 'a.ts'),
        [
          "import { b } from './b';",
          "export { f } from './folder';",
          "import type { b as c } from './b.ts';",
          "import data from './data.json';",
          `const later = () => ${dynamicImport}('./b');`,
          "import { b as d } from './b.js';",
          "const text = 'not an import from ./b';",
          '',
        ].join('\n'),
      );
      writeFileSync(join(directory, 'apps/notify-worker/src/b.ts'), 'export const b = 1;\n');
      writeFileSync(join(directory, 'apps/notify-worker/src/a.ts'), "import { b } from './b.js';\n");

      expect(findSpecifierProblems(directory, ['packages', 'apps'])).toEqual([
        { file: 'packages/p/src/a.ts', specifier: './b', wanted: './b.js' },
        { file: 'packages/p/src/a.ts', specifier: './folder', wanted: './folder/index.js' },
        { file: 'packages/p/src/a.ts', specifier: './b.ts', wanted: './b.js' },
        { file: 'packages/p/src/a.ts', specifier: './b', wanted: './b.js' },
        { file: 'apps/notify-worker/src/a.ts', specifier: './b.js', wanted: './b.ts' },
      ]);
      expect(fixSpecifiers(directory, ['packages', 'apps'])).toEqual([]);
      expect(readFileSync(join(source, 'a.ts'), 'utf8')).toBe(
        [
          "import { b } from './b.js';",
          "export { f } from './folder/index.js';",
          "import type { b as c } from './b.js';",
          "import data from './data.json';",
          `const later = () => ${dynamicImport}('./b.js');`,
          "import { b as d } from './b.js';",
          "const text = 'not an import from ./b';",
          '',
        ].join('\n'),
      );
      expect(findSpecifierProblems(directory, ['packages', 'apps'])).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
