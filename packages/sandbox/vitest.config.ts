import { configDefaults, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared';

// test/entry-points.test.ts counts the sandbox's body parses through vi.mock('@etkit/crypto'), which takes effect
// only in a fresh module registry: that file runs isolated, the others share their workers' modules as elsewhere
// (isolating all of them cost 8.5 CPU-s instead of 5.3).
const mocking = ['test/entry-points.test.ts'];
// The reporters stay with the whole run (one JSON report for the suite's summary), the rest goes to each project.
const { reporters: _reporters, outputFile: _outputFile, ...projectTest } = shared.test ?? {};
const project = (name: string, test: { include?: string[]; exclude?: string[]; isolate?: boolean }) => ({
  resolve: shared.resolve,
  ssr: shared.ssr,
  test: { ...projectTest, name, ...test },
});

export default mergeConfig(shared, {
  test: {
    projects: [
      project('isolated', { include: mocking, isolate: true }),
      project('shared', { exclude: [...configDefaults.exclude, ...mocking] }),
    ],
  },
});
