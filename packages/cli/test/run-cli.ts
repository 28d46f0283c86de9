import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const cwd = fileURLToPath(new URL('..', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary command output
  json: () => any;
}

/** Runs the CLI from source in a child process (tsx; sibling packages from their TypeScript source). */
export function runCli(args: string[], stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--conditions=@etkit/source', '--import', 'tsx', bin, ...args],
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
