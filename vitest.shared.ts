import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests import sibling packages from their TypeScript source (the `@etkit/source` export condition),
// so a change in one package is seen by its dependents without a rebuild.
const sourceFirst = (defaults: readonly string[]) => ['@etkit/source', ...defaults];

export default defineConfig({
  resolve: { conditions: sourceFirst(defaultClientConditions) },
  ssr: { resolve: { conditions: sourceFirst(defaultServerConditions) } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The JSON report feeds scripts/ci/test-summary.mjs, which prints one closing line for the whole suite.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
