import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared';

// The test files mostly wait on servers, browsers and child processes, not the CPU: run them side by side
// even on a 2-core machine (three workers instead of cores - 1; four made each file wait longer for the CPU).
export default mergeConfig(shared, {
  test: { maxWorkers: 3, globalSetup: ['test/support/pglite-template-setup.ts'] },
});
