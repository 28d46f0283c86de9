// The test files that took longest, from the JSON reports vitest writes per project (test-results/vitest.json).
// A file's time is what vitest reports for it (its hooks and tests), from its start to its end.

/** Each test file's time in ms: `{ file, ms }`, `file` relative to the repository (`packages/x/test/y.test.ts`). */
export function testFileTimes(reports, repoRoot) {
  const prefix = repoRoot.endsWith('/') ? repoRoot : `${repoRoot}/`;
  return reports.flatMap((report) =>
    (report.testResults ?? []).map((result) => ({
      file: result.name.startsWith(prefix) ? result.name.slice(prefix.length) : result.name,
      ms: Math.max(0, result.endTime - result.startTime),
    })),
  );
}

/** The `count` slowest files, slowest first. */
export function slowestTestFiles(times, count = 10) {
  return [...times].sort((a, b) => b.ms - a.ms || a.file.localeCompare(b.file)).slice(0, count);
}

/** Lines for the closing report; files over `budgetMs` are marked so the budget stays visible. */
export function formatSlowest(slowest, budgetMs) {
  const width = Math.max(...slowest.map(({ ms }) => (ms / 1000).toFixed(1).length));
  return slowest.map(({ file, ms }) => {
    const seconds = `${(ms / 1000).toFixed(1).padStart(width)} s`;
    return `  ${seconds}  ${file}${ms > budgetMs ? `  (over the ${budgetMs / 1000} s budget)` : ''}`;
  });
}
