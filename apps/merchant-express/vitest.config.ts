import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared';

// The test files mostly wait on servers, browsers and child processes, not the CPU: run them side by side
// even on a 2-core machine (one worker per file instead of cores - 1).
export default mergeConfig(shared, {
  test: { maxWorkers: 4, globalSetup: ['test/support/pglite-template-setup.ts'] },
});
