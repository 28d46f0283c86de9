import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared';

// The test files mostly wait on servers, browsers and child processes, not the CPU: run them side by side
// even on a 2-core machine (three workers instead of cores - 1; four made each file wait longer for the CPU).
//
// The workers open many short-lived PGlite databases (PostgreSQL in WebAssembly). V8 compiles that WebAssembly
// with its baseline compiler and then recompiles the hot parts with its optimising one, on the same two cores; a
// test's database does not live long enough to repay the second compile. `--liftoff-only` keeps the first:
// the suite alone took 61-67 CPU-s in four runs, against 68-72 without it. Only the test workers: the sites they start
// run as they would in production.
export default mergeConfig(shared, {
  test: {
    maxWorkers: 3,
    execArgv: ['--liftoff-only'],
    globalSetup: ['test/support/pglite-template-setup.ts'],
  },
});
