import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { testSandbox } from './helpers/sandbox.js';

const cwd = fileURLToPath(new URL('..', import.meta.url));

it('a delay fault longer than a timer can wait is refused, not cut to 1 ms', async () => {
  const sandbox = await testSandbox();
  try {
    expect(() => sandbox.injectFault({ delayMs: 2 ** 31 })).toThrow(RangeError);
    expect(() => sandbox.injectFault({ delayMs: 1e12 })).toThrow(RangeError);
    expect(() => sandbox.injectFault({ delayMs: 2 ** 31 - 1 })).not.toThrow();
  } finally {
    await sandbox.close();
  }
});

it('close() ends requests held by a delay fault, so the process can exit', { timeout: 30_000 }, async () => {
  // A child process: only there can we see whether a pending delay keeps the event loop alive after close().
  const script = `
    import { createSandbox } from './src/index.js';
    const sandbox = await createSandbox({ keyBits: 1024, log: () => {} });
    const url = await sandbox.listen(0);
    fetch(url + '/server', { method: 'POST', body: '{}', headers: { 'x-etkit-sandbox-fault': '{"delayMs":60000}' } })
      .catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sandbox.close();
    console.log('closed');
  `;
  const started = Date.now();
  const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@etkit/source', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd, timeout: 20_000 },
      (error, stdout) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout }),
    );
  });
  expect(result.stdout).toContain('closed');
  expect(result.code).toBe(0);
  expect(Date.now() - started).toBeLessThan(15_000);
});

it('close() also ends in-process transport calls held by a delay fault', async () => {
  const sandbox = await testSandbox();
  sandbox.injectFault({ delayMs: 60_000 });
  const call = sandbox.transport({ url: 'http://sandbox.invalid/server', method: 'POST', headers: {}, body: '{}' });
  const outcome = call.then(
    () => 'answered',
    () => 'ended',
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = Date.now();
  await sandbox.close();
  expect(await outcome).toBe('ended');
  expect(Date.now() - started).toBeLessThan(5_000);
});
