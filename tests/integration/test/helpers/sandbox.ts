// The sandbox's own test helpers (they import the package by name, so both suites load the same module).
export { manualTimeSource, sampleOrder, testSandbox } from '../../../../packages/sandbox/test/helpers/sandbox.js';
