import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startWorkerd } from '../src/workerd.js';

const entry = fileURLToPath(new URL('./fixtures/hello-worker.ts', import.meta.url));

/** The pids of this process's workerd children. */
function workerdChildren(): number[] {
  const lines = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return lines
    .split('\n')
    .filter((line) => line.includes('workerd'))
    .map((line) => Number.parseInt(line.trim(), 10));
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise.then(() => 'done' as const),
    new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms)),
  ]);

describe('startWorkerd', () => {
  it('serves the entry, and stop() ends workerd', async () => {
    const worker = await startWorkerd({ entry });
    expect(await (await fetch(worker.url)).text()).toBe('hello');
    expect(workerdChildren()).toHaveLength(1);
    await worker.stop();
    expect(workerdChildren()).toEqual([]);
  }, 60_000);

  // A workerd that crashed (killed by a signal) has no exit code: stop() must not wait for an exit already past.
  it('stop() returns when workerd has already died of a signal', async () => {
    const worker = await startWorkerd({ entry });
    const [pid] = workerdChildren();
    process.kill(pid!, 'SIGKILL');
    await expect.poll(() => workerdChildren(), { timeout: 5_000 }).toEqual([]);
    expect(await within(worker.stop(), 5_000)).toBe('done');
  }, 60_000);
});
