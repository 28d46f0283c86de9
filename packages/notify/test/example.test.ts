import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

it('the README example (examples/express-server.ts) runs and processes the duplicate once', async () => {
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--conditions', '@etkit/source', 'examples/express-server.ts'],
      { cwd: packageDir, timeout: 60_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
  const lines = output.trim().split('\n');
  expect(lines.filter((line) => line.startsWith('handler:'))).toEqual([
    'handler: order ET2026112800000001 paid 10000.00 RMB at 2026-11-28T02:00:00.000Z',
  ]);
  expect(lines).toContain('payment: HTTP 200 {"notify_result":"OK"}');
  expect(lines).toContain('same payment again: HTTP 200 {"notify_result":"OK"}');
  expect(lines.find((line) => line.startsWith('tampered amount:'))).toMatch(/HTTP 400 .*"code":"SIGNATURE_INVALID"/);
});
