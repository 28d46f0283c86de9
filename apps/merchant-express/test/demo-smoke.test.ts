import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@etkit/runtime-harness/free-port';
import { describe, expect, it } from 'vitest';

const demoScript = fileURLToPath(new URL('../../../scripts/demo.mjs', import.meta.url));

// `pnpm demo` with DEMO_SMOKE=1: the README's demo (built packages, sandbox, the app under tsx) runs one order
// through and exits 0. Uses the packages' dist builds, which `turbo test` builds first. The file's three demo runs go
// at the same time (each starts its own sandbox and site, most of it the site's start): the file takes about as
// long as one run.
describe.concurrent('the demo script', () => {
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

// Ctrl-C in a terminal sends SIGINT to the whole foreground process group (pnpm, its shell, the demo, the site);
// a service manager sends SIGTERM. Either way `pnpm demo` must stop cleanly: exit 0, no "ELIFECYCLE Command
// failed" (pnpm's shell used to die of the signal while the demo was still shutting down).
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const pnpm = join(repoRoot, 'node_modules', '.bin', 'pnpm');

describe.concurrent('`pnpm demo` stopped by a signal to its process group', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`exits 0 without an error line on ${signal}`, async () => {
      const [port, sandboxPort] = [await freePort(), await freePort()];
      const child = spawn(pnpm, ['demo'], {
        cwd: repoRoot,
        env: { ...process.env, PORT: String(port), SANDBOX_PORT: String(sandboxPort) },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, as a terminal gives the command it runs in the foreground.
        detached: true,
      });
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
      });
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        child.on('exit', (code, exitSignal) => resolve({ code, signal: exitSignal })),
      );
      // Up when the merchant site answers.
      for (;;) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
        } catch {}
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      process.kill(-child.pid!, signal);
      expect({ ...(await exited), output }).toMatchObject({ code: 0, signal: null });
      expect(output).not.toContain('ELIFECYCLE');
      expect(output).not.toMatch(/Command failed/);
    }, 120_000);
  }
});
