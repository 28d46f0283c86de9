import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { testTmpdir } from './vitest.tmpdir';

// Tests import sibling packages from their TypeScript source (the `@etkit/source` export condition),
// so a change in one package is seen by its dependents without a rebuild.
const sourceFirst = (defaults: readonly string[]) => ['@etkit/source', ...defaults];

// Set here, in the process that starts the test workers and global setups, so that they and the processes the
// tests start all inherit it (os.tmpdir() reads TMPDIR on every call).
process.env.TMPDIR = testTmpdir();

export default defineConfig({
  resolve: { conditions: sourceFirst(defaultClientConditions) },
  ssr: { resolve: { conditions: sourceFirst(defaultServerConditions) } },
  test: {
    include: ['test/**/*.test.ts'],
    // Test files that share a worker share its loaded modules instead of importing everything again per file:
    // a third of the suite's CPU went to re-importing the same sources (measured per package, alone: 86 -> 60 CPU-s
    // for merchant-express, 14.3 -> 7.6 for notify). Files must not rely on a fresh module registry: a file that
    // mocks a module (vi.mock) needs its own, and its package turns isolation back on (packages/sandbox).
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The JSON report feeds scripts/ci/test-summary.mjs, which prints one closing line for the whole suite.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
