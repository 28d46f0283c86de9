import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.ts';

// The tests of the repository's own scripts (scripts/test), run from the root by `pnpm test:scripts`; their JSON
// report lands in scripts/test-results like a package's, for scripts/ci/test-summary.mjs.
export default mergeConfig(shared, { test: { root: fileURLToPath(new URL('.', import.meta.url)) } });
