import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@etkit/runtime-harness/free-port';
import { runtimeBinary } from '@etkit/runtime-harness/runtimes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMORY_INBOX_WARNING } from '../src/inbox-warning.ts';
import { expectNotificationExchange, startCapturingSink } from './support.ts';

const appDirectory = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => fileURLToPath(new URL(`../../../node_modules/.bin/${name}`, import.meta.url));
const SALT = 'runtime-salt-5e1';

/**
 * Each runtime runs its own entry file unchanged, as a real server process, reading the bindings from its
 * environment. Sibling packages load from their TypeScript source (the `@etkit/source` condition), like the
 * rest of the test suite. tsx is the root's; Bun and Deno are the pinned npm packages the harness installs into
 * .cache/runtimes on first use (they are not workspace dependencies).
 */
const runtimes: { name: string; id: string; command: string; args: (port: number) => string[] }[] = [
  {
    name: 'Node',
    id: 'node',
    command: bin('tsx'),
    args: () => ['--conditions=@etkit/source', 'src/node.ts'],
  },
  {
    name: 'Deno',
    id: 'deno',
    command: await runtimeBinary('deno'),
    args: (port) => [
      'serve',
      '--quiet',
      '--no-lock',
      '--sloppy-imports',
      '--conditions=@etkit/source',
      '--allow-net=127.0.0.1',
      '--allow-env',
      '--allow-read',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      'src/deno.ts',
    ],
  },
  {
    name: 'Bun',
    id: 'bun',
    command: await runtimeBinary('bun'),
    args: () => ['--conditions', '@etkit/source', 'src/bun.ts'],
  },
];

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`no answer on ${url}/health within 45 s:\n${output()}`);
}

describe.each(runtimes)('notify-worker on $name', (runtime) => {
  let sink: Awaited<ReturnType<typeof startCapturingSink>>;
  let child: ChildProcess;
  let url: string;
  let output = '';

  beforeAll(async () => {
    if (!existsSync(runtime.command))
      throw new Error(
        `${runtime.command} is missing: run pnpm install at the root (tsx) or delete .cache/runtimes (bun, deno)`,
      );
    sink = await startCapturingSink();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(runtime.command, runtime.args(port), {
      cwd: appDirectory,
      env: { ...process.env, ET_NOTIFY_SALT: SALT, SINK_URL: sink.url, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: deno and bun run behind an npm launcher (node), and stopping the launcher alone
      // would leave the runtime serving.
      detached: true,
    });
    child.stdout!.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr!.on('data', (chunk) => {
      output += chunk;
    });
    await waitForHealth(url, child, () => output);
  }, 60_000);

  /** SIGTERM to the whole group, launcher and runtime alike; resolves when the launcher has exited. */
  async function stop() {
    if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    await exited;
  }

  afterAll(async () => {
    await stop();
    await sink?.close();
  });

  it('is served by that runtime', async () => {
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ ok: true, runtime: runtime.id });
  });

  it('said at start, before any notification, that it has no durable inbox (once)', () => {
    expect(output.split(MEMORY_INBOX_WARNING)).toHaveLength(2);
  });

  it('verifies each body encoding, acknowledges, forwards once and refuses a forged notification', async () => {
    await expectNotificationExchange(url, sink, SALT);
  });

  it('stops on SIGTERM to its process group: nothing answers on its port afterwards', async () => {
    await stop();
    const deadline = Date.now() + 10_000;
    let answering = true;
    while (answering && Date.now() < deadline) {
      try {
        await (await fetch(`${url}/health`)).body?.cancel();
        await new Promise((resolve) => setTimeout(resolve, 100));
      } catch {
        answering = false;
      }
    }
    expect(answering).toBe(false);
  });
});
