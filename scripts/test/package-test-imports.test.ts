// A package's tests import only the workspace packages it depends on at run time; tests across packages live in
// tests/integration (and apps and examples may import what they like). See scripts/ci/undeclared-package-imports.mjs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain ES module script without types
import { findUndeclaredPackageImports, workspaceFolders } from '../ci/undeclared-package-imports.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

function write(directory: string, path: string, text: string) {
  mkdirSync(dirname(join(directory, path)), { recursive: true });
  writeFileSync(join(directory, path), text);
}

describe("packages' tests", () => {
  it('import no workspace package their package does not depend on at run time', () => {
    expect(findUndeclaredPackageImports(root)).toEqual([]);
  });

  it('are found through the workspace list of pnpm-workspace.yaml', () => {
    const folders = workspaceFolders(root) as string[];
    expect(folders).toEqual(expect.arrayContaining(['packages/sandbox', 'packages/client', 'tests/integration']));
  });

  it('are caught importing an undeclared package: statically, dynamically, resolved, or by relative path', () => {
    const directory = mkdtempSync(join(tmpdir(), 'etkit-package-test-imports-'));
    try {
      write(
        directory,
        'pnpm-workspace.yaml',
        'packages:\n  - packages/*\n  - "tools/*"\n  - tests/*\n\ncatalog:\n  x: 1\n',
      );
      const manifest = (name: string, extra: object = {}) => JSON.stringify({ name, ...extra });
      write(
        directory,
        'packages/a/package.json',
        manifest('@k/a', { dependencies: { '@k/b': '*' }, devDependencies: { '@k/c': '*' } }),
      );
      write(directory, 'packages/b/package.json', manifest('@k/b'));
      write(directory, 'packages/c/package.json', manifest('@k/c'));
      write(directory, 'tools/harness/package.json', manifest('@k/harness', { private: true }));
      write(directory, 'tests/integration/package.json', manifest('@k/integration', { private: true }));
      write(directory, 'vitest.shared.ts', 'export default {};\n');
      // Allowed: itself, a run-time dependency, private tooling, its own files, the repository's shared config.
      write(
        directory,
        'packages/a/test/fine.test.ts',
        [
          "import { a } from '@k/a';",
          "import type { B } from '@k/b/sub';",
          "import { run } from '@k/harness/run';",
          "import { helper } from './helpers/helper.js';",
          "import shared from '../../../vitest.shared';",
          '// A comment that names @k/c is no import.',
        ].join('\n'),
      );
      write(
        directory,
        'packages/a/test/cross.test.ts',
        [
          'import {',
          '  c,',
          "} from '@k/c';",
          "const later = await import('@k/c/later');",
          "const json = createRequire(import.meta.url).resolve('@k/c/data.json');",
          "import { inner } from '../../c/src/inner.js';",
        ].join('\n'),
      );
      write(directory, 'packages/a/bench/side.ts', "import '@k/c';\n");
      // tests/integration may import anything.
      write(directory, 'tests/integration/test/x.test.ts', "import { a } from '@k/a';\nimport { c } from '@k/c';\n");
      expect(findUndeclaredPackageImports(directory)).toEqual(
        expect.arrayContaining([
          { file: 'packages/a/bench/side.ts', specifier: '@k/c', package: '@k/c' },
          { file: 'packages/a/test/cross.test.ts', specifier: '@k/c', package: '@k/c' },
          { file: 'packages/a/test/cross.test.ts', specifier: '@k/c/later', package: '@k/c' },
          { file: 'packages/a/test/cross.test.ts', specifier: '@k/c/data.json', package: '@k/c' },
          { file: 'packages/a/test/cross.test.ts', specifier: '../../c/src/inner.js', package: '@k/c' },
        ]),
      );
      expect(findUndeclaredPackageImports(directory)).toHaveLength(5);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
