import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@etkit/runtime-harness/free-port';
import { describe, expect, it } from 'vitest';

const demoScript = fileURLToPath(new URL('../../../scripts/demo.mjs', import.meta.url));

// `pnpm demo` with DEMO_SMOKE=1: the README's demo (built packages, sandbox, the app under tsx) runs one order
// through and exits 0. Uses the packages' dist builds, which `turbo test` builds first.
describe('the demo script', () => {
  it('runs one order from creation to "Payment successful" and exits 0', async () => {
    const [port, sandboxPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, [demoScript], {
      env: { ...process.env, DEMO_SMOKE: '1', PORT: String(port), SANDBOX_PORT: String(sandboxPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect({ code, output }).toMatchObject({ code: 0 });
    expect(output).toContain('smoke: order status is "Payment successful": the demo works');
    // Secrets are generated for the run and never printed.
    expect(output).not.toMatch(/PRIVATE KEY/);
  }, 90_000);
});
