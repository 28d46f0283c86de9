// The "slowest test files" list at the end of the suite (scripts/ci/test-summary.mjs).
import { describe, expect, it } from 'vitest';
import { formatSlowest, slowestTestFiles, testFileTimes } from '../ci/lib/slowest-test-files.mjs';

const report = (files: Array<[string, number, number]>) => ({
  testResults: files.map(([name, startTime, endTime]) => ({ name, startTime, endTime })),
});

describe('slowest test files', () => {
  const times = testFileTimes(
    [
      report([
        ['/repo/packages/a/test/fast.test.ts', 1_000, 1_250],
        ['/repo/packages/a/test/slow.test.ts', 1_000, 17_400],
      ]),
      report([['/repo/apps/b/test/middle.test.ts', 5_000, 9_000]]),
      { testResults: [] },
    ],
    '/repo',
  );

  it('takes each file from every project report, relative to the repository', () => {
    expect(times).toEqual([
      { file: 'packages/a/test/fast.test.ts', ms: 250 },
      { file: 'packages/a/test/slow.test.ts', ms: 16_400 },
      { file: 'apps/b/test/middle.test.ts', ms: 4_000 },
    ]);
  });

  it('keeps the slowest first, at most the count asked for', () => {
    expect(slowestTestFiles(times, 2).map(({ file }) => file)).toEqual([
      'packages/a/test/slow.test.ts',
      'apps/b/test/middle.test.ts',
    ]);
    expect(slowestTestFiles(times, 10)).toHaveLength(3);
  });

  it('marks the files over the budget, and only those', () => {
    expect(formatSlowest(slowestTestFiles(times, 10), 15_000)).toEqual([
      '  16.4 s  packages/a/test/slow.test.ts  (over the 15 s budget)',
      '   4.0 s  apps/b/test/middle.test.ts',
      '   0.3 s  packages/a/test/fast.test.ts',
    ]);
  });
});
