import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runtimeBinary } from '@etkit/runtime-harness/runtimes';
import { describe, expect, it } from 'vitest';
import { expectedPortableCheck } from './helpers/portable-expected.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const script = 'test/runtime/portable-check.ts';
// The pinned runtimes, installed into .cache/runtimes on first use (not workspace dependencies).
const binaries = { bun: await runtimeBinary('bun'), deno: await runtimeBinary('deno') };

/** Runs the portable check on another runtime and parses its one-line JSON summary. */
function run(command: 'bun' | 'deno', args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(binaries[command], args, { cwd: packageDir, timeout: 90_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${command} failed: ${error.message}\n${stderr}`));
      const line = stdout.trim().split('\n').at(-1) ?? '';
      resolve(JSON.parse(line) as Record<string, unknown>);
    });
  });
}

const expected = expectedPortableCheck;

describe('the core and the fetch adapter on other runtimes', () => {
  it('Bun (its own Request, FormData and Bun.serve)', async () => {
    const summary = await run('bun', ['--conditions', '@etkit/source', script]);
    expect(summary).toEqual(expected);
  });

  it('Deno (its own Request, FormData and Deno.serve)', async () => {
    const summary = await run('deno', [
      'run',
      '--quiet',
      '--no-lock',
      '--sloppy-imports',
      '--conditions=@etkit/source',
      '--allow-net=127.0.0.1',
      '--allow-read',
      '--allow-env',
      script,
    ]);
    expect(summary).toEqual(expected);
  });
});
