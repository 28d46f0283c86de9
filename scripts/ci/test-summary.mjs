// Prints the closing lines of the whole test suite from the JSON report each project's vitest run writes to
// test-results/vitest.json (see vitest.shared.ts): the ten slowest test files, so the per-file budget stays
// visible, then one line "N passed, N failed, N skipped". Exits non-zero if a report is missing or counts a
// failure, so the line can never claim more than actually ran.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSlowest, slowestTestFiles, testFileTimes } from './lib/slowest-test-files.mjs';

/** Each test file should take well under this; a slower one is marked in the list. */
const FILE_BUDGET_MS = 15_000;

const root = fileURLToPath(new URL('../..', import.meta.url));
const projects = [
  // Every workspace group pnpm-workspace.yaml lists (`  - packages/*` …), so a new group is never left out.
  ...workspaceGroups().flatMap((group) =>
    readdirSync(join(root, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(root, group, entry.name, 'package.json')))
      .map((entry) => join(group, entry.name)),
  ),
  // The tests of the repository's own scripts (scripts/vitest.config.ts).
  'scripts',
];

function workspaceGroups() {
  const text = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  return [...text.matchAll(/^\s+-\s+['"]?([\w./-]+)\/\*['"]?\s*$/gm)].map((match) => match[1]);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const missing = [];
const reports = [];
for (const project of projects) {
  const file = join(root, project, 'test-results', 'vitest.json');
  if (!existsSync(file)) {
    missing.push(project);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  reports.push(report);
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = report;
  totals.passed += numPassedTests;
  totals.failed += numFailedTests;
  totals.skipped += numPendingTests + numTodoTests;
  console.log(`${project}: ${numPassedTests} passed, ${numFailedTests} failed`);
}
for (const project of missing) console.log(`${project}: no test report (did its tests run?)`);

const slowest = slowestTestFiles(testFileTimes(reports, root), 10);
if (slowest.length > 0) {
  console.log(`\nSlowest test files (budget ${FILE_BUDGET_MS / 1000} s each):`);
  for (const line of formatSlowest(slowest, FILE_BUDGET_MS)) console.log(line);
  console.log('');
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 || missing.length > 0 ? 1 : 0;
