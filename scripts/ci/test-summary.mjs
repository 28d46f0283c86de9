// Prints one closing line for the whole test suite, "N passed, N failed, N skipped", from the JSON report each
// package's vitest run writes to test-results/vitest.json (see vitest.shared.ts). Exits non-zero if a report is
// missing or counts a failure, so the line can never claim more than actually ran.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const projects = ['packages', 'apps', 'tools'].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, group, entry.name, 'package.json')))
    .map((entry) => join(group, entry.name)),
);

const totals = { passed: 0, failed: 0, skipped: 0 };
const missing = [];
for (const project of projects) {
  const report = join(root, project, 'test-results', 'vitest.json');
  if (!existsSync(report)) {
    missing.push(project);
    continue;
  }
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += numPassedTests;
  totals.failed += numFailedTests;
  totals.skipped += numPendingTests + numTodoTests;
  console.log(`${project}: ${numPassedTests} passed, ${numFailedTests} failed`);
}
for (const project of missing) console.log(`${project}: no test report (did its tests run?)`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 || missing.length > 0 ? 1 : 0;
