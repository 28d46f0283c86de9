// No file of a package (or app) imports, through any chain, a file that imports it back: such loops are where a
// newcomer cannot tell which file comes first, and where module initialisation order bites.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain ES module script without types
import { findImportLoops } from '../ci/import-loops.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sourceFolders = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group)).map((name) => join(group, name, 'src')),
);

describe('import loops', () => {
  it.each(sourceFolders)('%s has none', (folder) => {
    expect(findImportLoops(join(root, folder))).toEqual([]);
  });

  it('are found, type-only imports and re-exports included', () => {
    const directory = mkdtempSync(join(tmpdir(), 'etkit-import-loops-'));
    try {
      writeFileSync(join(directory, 'a.ts'), "import type { B } from './b.js';\nexport type A = B;\n");
      writeFileSync(join(directory, 'b.ts'), "export { c } from './c';\nexport type B = string;\n");
      writeFileSync(join(directory, 'c.ts'), "import './a.ts';\nexport const c = 1;\n");
      writeFileSync(join(directory, 'd.ts'), "import { c } from './c.js';\nexport const d = c;\n");
      expect(findImportLoops(directory)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
