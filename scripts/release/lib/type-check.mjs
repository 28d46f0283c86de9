#!/usr/bin/env node
// Type-checks one or more TypeScript projects in one process, like `tsc -p <config>` for each, and prints one
// JSON line per project: { config, ok, ms, output }.
//
//   node scripts/release/lib/type-check.mjs <tsconfig> [<tsconfig> …]
//
// Why not tsc: the smoke test checks 14 small consumer projects. Each tsc start loads TypeScript again, and with
// skipLibCheck off (a consumer without it must see no error of ours) each one type-checks all of @types/node,
// the consumer's own copy of Node's types, not something we ship: that was most of every check's time. Here
// every file of the program is checked (our declarations, our dependencies' declarations, the consumer program)
// except the files under @types/node; TypeScript's own lib files are skipped as skipDefaultLibCheck says.
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { projectProgram } from '../../ci/lib/project-program.mjs';
import { repoRoot } from './workspace.mjs';

const ts = createRequire(`${repoRoot}/package.json`)('typescript');
const consumerNodeTypes = `${sep}node_modules${sep}@types${sep}node${sep}`;

const formatHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => '\n',
};

/** Diagnostics as `tsc -p config` reports them, minus the semantic ones inside @types/node. */
export function checkProject(configPath, sourceFiles = new Map()) {
  const { program, diagnostics } = projectProgram(ts, configPath, sourceFiles);
  if (!program) return diagnostics;
  diagnostics.push(...program.getSyntacticDiagnostics());
  for (const sourceFile of program.getSourceFiles()) {
    if (sourceFile.fileName.split('/').join(sep).includes(consumerNodeTypes)) continue;
    diagnostics.push(...program.getSemanticDiagnostics(sourceFile));
  }
  return diagnostics;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = false;
  // The checks of one consumer project (node16, bundler) read the same lib files and @types/node: parsed once.
  const sourceFiles = new Map();
  for (const config of process.argv.slice(2)) {
    const started = performance.now();
    const diagnostics = checkProject(config, sourceFiles);
    const ok = diagnostics.length === 0;
    failed ||= !ok;
    const output = ok
      ? ''
      : ts.formatDiagnostics(diagnostics, { ...formatHost, getCurrentDirectory: () => dirname(config) });
    console.log(JSON.stringify({ config, ok, ms: Math.round(performance.now() - started), output }));
  }
  process.exitCode = failed ? 1 : 0;
}
