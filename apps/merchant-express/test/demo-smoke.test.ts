import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@etkit/runtime-harness/free-port';
import { describe, expect, it } from 'vitest';
import { pgliteTemplateDirectory } from './support/pglite-template.js';

const demoScript = fileURLToPath(new URL('../../../scripts/demo.mjs', import.meta.url));
// The demo's database starts as a copy of the tests' PGlite template: initdb is not what these tests are about.
const pgliteTemplate = pgliteTemplateDirectory();

// `pnpm demo` with DEMO_SMOKE=1: the README's demo (built packages, sandbox, the app under tsx) runs one order
// through and exits 0. Uses the packages' dist builds, which `turbo test` builds first.
describe('the demo script', () => {
  it('runs one order from creation to "Payment successful" and exits 0', async () => {
    const [port, sandboxPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, [demoScript], {
      env: {
        ...process.env,
        DEMO_SMOKE: '1',
        DEMO_PGLITE_TEMPLATE: await pgliteTemplate,
        PORT: String(port),
        SANDBOX_PORT: String(sandboxPort),
      },
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
    // On failure the demo's own words say why (the secrets check below runs on the same text).
    expect(code, output).toBe(0);
    expect(output).toContain('smoke: order status is "Payment successful": the demo works');
    // Secrets are generated for the run and never printed.
    expect(output).not.toMatch(/PRIVATE KEY/);
  }, 90_000);
});

// A port already taken (another demo, a dev server): one line naming the port and the variable to set, exit 1,
// and nothing left behind in the temp folder (TMPDIR points at an empty folder of the test's own).
describe.concurrent('the demo script with a busy port', () => {
  for (const [variable, what] of [
    ['PORT', 'the merchant site'],
    ['SANDBOX_PORT', 'the EasyTransfer sandbox'],
  ] as const) {
    it(`says which port (${variable}) is taken, exits 1 and leaves no temp folder`, async () => {
      const occupier: Server = createServer();
      await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', resolve));
      const busy = (occupier.address() as { port: number }).port;
      const free = await freePort();
      const temp = mkdtempSync(join(tmpdir(), 'etkit-demo-test-'));
      try {
        const ports = variable === 'PORT' ? { PORT: busy, SANDBOX_PORT: free } : { PORT: free, SANDBOX_PORT: busy };
        const child = spawn(process.execPath, [demoScript], {
          env: { ...process.env, TMPDIR: temp, PORT: String(ports.PORT), SANDBOX_PORT: String(ports.SANDBOX_PORT) },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
        });
        child.stderr.on('data', (chunk) => {
          stderr += chunk;
        });
        const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
        expect({ code, stdout, stderr }).toEqual({
          code: 1,
          stdout: '',
          stderr: `demo: port ${busy} on 127.0.0.1 (${variable}, ${what}) is already in use: stop what uses it or set ${variable} to a free port\n`,
        });
        expect(readdirSync(temp)).toEqual([]);
      } finally {
        occupier.close();
        rmSync(temp, { recursive: true, force: true });
      }
    }, 30_000);
  }
});
