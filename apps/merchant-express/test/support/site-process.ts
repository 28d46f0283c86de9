import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { builtSiteEntry } from './site-build.js';

const appDirectory = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The merchant site as a real process: `src/main.ts`, what `pnpm start` runs under tsx, compiled beforehand with
 * the etkit packages from their TypeScript source (support/site-build.ts) and run by `node` itself, configured
 * by `env` alone. `kill()` is `kill -9` of its pid; `start()` again brings it back on the same port, so the URLs
 * ET was given stay valid.
 */
export class SiteProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** Everything the processes printed, for a failure message. */
  readonly output: string[] = [];
  starts = 0;
  kills = 0;

  /** `nodeArgs`: extra options for node itself (e.g. `--cpu-prof`), before the script. */
  constructor(
    private readonly env: Record<string, string>,
    private readonly nodeArgs: readonly string[] = [],
  ) {}

  /** The running process's id (for `kill -9` from outside, or reading its CPU time in /proc). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    if (this.child !== undefined) throw new Error('the site is already running');
    const entry = await builtSiteEntry();
    if (this.child !== undefined) throw new Error('the site is already running');
    const child = spawn(process.execPath, [...this.nodeArgs, entry], {
      cwd: appDirectory,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_ENV: 'test', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const lines = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') this.output.push(line);
    };
    child.stderr!.on('data', lines);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the site did not start:\n${this.tail()}`)), timeoutMs);
      child.stdout!.on('data', (chunk: Buffer) => {
        lines(chunk);
        if (chunk.toString('utf8').includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the site exited at start (${code ?? signal}):\n${this.tail()}`));
      });
    });
  }

  /** `kill -9`: no shutdown code runs, whatever was in flight is lost mid-way. */
  async kill(): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    this.child = undefined;
    this.kills += 1;
    child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: the site's own shutdown (ends passes, closes the database). */
  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    this.child = undefined;
    child.kill('SIGTERM');
    await this.exited;
  }

  tail(lines = 30): string {
    return this.output.slice(-lines).join('\n');
  }
}
