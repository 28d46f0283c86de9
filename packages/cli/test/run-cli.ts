import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const packagesDir = join(packageDir, '..');
const cwd = packageDir;

/** The newest modification time under `dir`, folders included (a deleted file changes its folder's). */
function newestIn(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** This package and the workspace packages it runs on, transitively (their folders under packages/). */
function workspaceClosure(folder: string, seen = new Set<string>()): Set<string> {
  if (seen.has(folder)) return seen;
  seen.add(folder);
  const manifest = JSON.parse(readFileSync(join(packagesDir, folder, 'package.json'), 'utf8'));
  for (const [name, range] of Object.entries<string>(manifest.dependencies ?? {})) {
    if (range.startsWith('workspace:')) workspaceClosure(name.replace('@etkit/', ''), seen);
  }
  return seen;
}

/**
 * The built binary when every package it runs on was built after its sources last changed (the test command builds
 * before testing), else bin.ts from source under tsx (a package's tests run on their own after an edit). The built
 * one starts in a fifth of the CPU time: tsx compiles the sources of four packages on every start.
 */
function chooseCommand(): readonly string[] {
  const fresh = [...workspaceClosure('cli')].every((folder) => {
    const dist = join(packagesDir, folder, 'dist');
    if (!existsSync(dist)) return false;
    const built = Math.min(...readdirSync(dist).map((name) => statSync(join(dist, name)).mtimeMs));
    return built > newestIn(join(packagesDir, folder, 'src'));
  });
  return fresh
    ? [join(packageDir, 'dist', 'bin.js')]
    : ['--conditions=@etkit/source', '--import', 'tsx', join(packageDir, 'src', 'bin.ts')];
}

let chosen: readonly string[] | undefined;
/** Node's arguments that start the CLI (add the CLI's own after them); decided once per test file. */
export function cliCommand(): readonly string[] {
  chosen ??= chooseCommand();
  return chosen;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary command output
  json: () => any;
}

/** Runs the CLI in a child process (see {@link cliCommand}). */
export function runCli(args: string[], stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [...cliCommand(), ...args],
      { cwd, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        if (error && code === -1) return reject(error);
        resolve({ code, stdout, stderr, json: () => JSON.parse(stdout) });
      },
    );
    // The CLI may exit before reading stdin (usage errors, --help): ignore EPIPE, the exit code tells.
    child.stdin!.on('error', () => {});
    child.stdin!.end(stdin);
  });
}

/** Runs the same `main` in this process (for the many small checks; round trips use {@link runCli}). */
export async function runMain(args: string[], stdin = ''): Promise<CliResult> {
  const { main } = await import('../src/main.js');
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    readStdin: async () => stdin,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}
