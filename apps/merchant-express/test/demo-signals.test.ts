import { execFile, spawn } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@etkit/runtime-harness/free-port';
import { beforeAll, describe, expect, it } from 'vitest';
import { pgliteTemplateDirectory } from './support/pglite-template.js';

// Apart from demo-smoke.test.ts so the two files run side by side; the demo's database starts as a copy of the
// tests' PGlite template (initdb is not what these tests are about).
const pgliteTemplate = pgliteTemplateDirectory();

// Ctrl-C in a terminal sends SIGINT to the whole foreground process group (pnpm, its shell, the demo, the site);
// a service manager sends SIGTERM. Either way `pnpm demo` must stop cleanly: exit 0, no "ELIFECYCLE Command
// failed" (pnpm's shell used to die of the signal while the demo was still shutting down).
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const pnpm = join(repoRoot, 'node_modules', '.bin', 'pnpm');

describe.concurrent('`pnpm demo` stopped by a signal to its process group', () => {
  // `pnpm demo` builds the packages first: do it once here, so the two runs below find them built (turbo replays
  // its cache) instead of building the same files at the same time.
  beforeAll(async () => {
    const rootBin = join(repoRoot, 'node_modules', '.bin');
    const build = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        join(rootBin, 'turbo'),
        ['run', 'build', '--filter=./packages/*', '--output-logs=errors-only'],
        { cwd: repoRoot, env: { ...process.env, PATH: [rootBin, process.env.PATH].join(delimiter) } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
      );
    });
    expect(build.code, build.output).toBe(0);
  }, 300_000);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`exits 0 without an error line on ${signal}`, async () => {
      const [port, sandboxPort] = [await freePort(), await freePort()];
      const child = spawn(pnpm, ['demo'], {
        cwd: repoRoot,
        env: {
          ...process.env,
          DEMO_PGLITE_TEMPLATE: await pgliteTemplate,
          PORT: String(port),
          SANDBOX_PORT: String(sandboxPort),
        },
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
