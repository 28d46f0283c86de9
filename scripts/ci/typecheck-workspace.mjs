#!/usr/bin/env node
// Type-checks every workspace project in one process: what `tsc --noEmit` in each of them reports, for a
// fraction of the CPU. Prints TypeScript's diagnostics and a line per project; exits 1 on any error.
//
//   node scripts/ci/typecheck-workspace.mjs [<project dir> …]      (default: every workspace with a typecheck script)
//
// Why not `tsc --noEmit` per project: the projects read their sibling packages from TypeScript source (the
// `@etkit/source` condition), so every tsc run parsed, bound and fully checked the sources of all the packages
// below it as well as its own, and the lib and @types/node files again: twelve runs took ~120 CPU-s, most of the
// suite's type-checking time. Here a source file is parsed and bound once for all projects, and each project
// reports the diagnostics of its own files only: a sibling's files are reported by the sibling's own project,
// under the options it is built with. Each project still gets its own program (its own options, types and
// module resolution), so what it sees of its siblings is what `tsc` in that folder sees.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectProgram } from './lib/project-program.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ts = createRequire(join(root, 'package.json'))('typescript');

/** Workspace projects whose `typecheck` script is `tsc --noEmit`; any other script is an error (say what to do). */
export function workspaceProjects() {
  const workspace = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const groups = [...workspace.matchAll(/^\s+-\s+['"]?([\w./-]+)\/\*['"]?\s*$/gm)].map((match) => match[1]);
  const projects = [];
  for (const group of groups) {
    for (const entry of ts.sys.getDirectories(join(root, group))) {
      const dir = join(root, group, entry);
      if (!ts.sys.fileExists(join(dir, 'package.json'))) continue;
      const script = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts?.typecheck;
      if (script === undefined) continue;
      if (script !== 'tsc --noEmit') {
        throw new Error(
          `${relative(root, dir)}: typecheck script "${script}" is not "tsc --noEmit"; teach ${relative(root, fileURLToPath(import.meta.url))} to run it`,
        );
      }
      projects.push(dir);
    }
  }
  return projects.sort();
}

/**
 * The diagnostics `tsc --noEmit -p <dir>` reports for the files under `dir`. Projects checked with the same
 * `sourceFiles` map share their parsed files (lib/shared-source-files.mjs); binding is the same for all, since
 * every project has the base config's strict options. Pass a new map when files may have changed in between.
 */
export function checkWorkspaceProject(dir, sourceFiles = new Map()) {
  const { program, diagnostics } = projectProgram(ts, join(dir, 'tsconfig.json'), sourceFiles);
  if (!program) return diagnostics;
  const own = `${resolve(dir)}${sep}`;
  for (const sourceFile of program.getSourceFiles()) {
    const fileName = resolve(sourceFile.fileName);
    // The project's own files, not what it reaches in node_modules (a workspace link resolves to its real path).
    if (!fileName.startsWith(own) || fileName.includes(`${sep}node_modules${sep}`)) continue;
    diagnostics.push(...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile));
  }
  return diagnostics;
}

const formatHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => root,
  getNewLine: () => '\n',
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.length > 2 ? process.argv.slice(2).map((dir) => resolve(dir)) : workspaceProjects();
  let errors = 0;
  const sourceFiles = new Map();
  for (const dir of dirs) {
    const started = performance.now();
    const diagnostics = checkWorkspaceProject(dir, sourceFiles);
    errors += diagnostics.length;
    if (diagnostics.length > 0) process.stdout.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, formatHost));
    const verdict = diagnostics.length === 0 ? 'ok' : `${diagnostics.length} error(s)`;
    console.log(`typecheck ${relative(root, dir)}: ${verdict} (${Math.round(performance.now() - started)} ms)`);
  }
  process.exitCode = errors === 0 ? 0 : 1;
}
