import { readFile } from 'node:fs/promises';

/** Where a command reads and writes; the binary passes the process streams, tests may pass their own. */
export interface CliIo {
  readStdin(): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: CliIo = {
  async readStdin() {
    // A terminal would wait for input the person does not know is wanted.
    if (process.stdin.isTTY) throw new UsageError('no input: pass --in FILE or pipe the input on stdin');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** A usage mistake: exit code 2, with a hint to run --help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A verification or API failure: exit code 1, the JSON result is still printed. */
export class CheckFailed extends Error {
  constructor(readonly result: unknown) {
    super('check failed');
    this.name = 'CheckFailed';
  }
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

export async function readTextFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** The input text: `--in FILE`, else stdin. */
export async function readInput(io: CliIo, inFile: string | undefined): Promise<string> {
  return inFile ? readTextFile(inFile, 'input file') : io.readStdin();
}

export function requireOption(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required`);
  return value;
}
