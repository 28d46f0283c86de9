// The D1 inbox in the real Workers runtime: src/worker.ts bundled as for a deployment and served by workerd from a
// wrangler.json with INBOX_D1 as a D1 binding, which workerd simulates locally on SQLite kept in the folder's
// .wrangler/state. workerd is stopped and started again on the same folder: the resend after the restart is
// answered OK and not written to the log sink a second time.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNotification } from '@etkit/notify/testing';
import { freePort } from '@etkit/runtime-harness/free-port';
import { runtimeBinary } from '@etkit/runtime-harness/runtimes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePortable } from '../../../tools/runtime-harness/src/portable-bundle.ts';
import { MEMORY_INBOX_WARNING } from '../src/inbox-warning.ts';

const entry = fileURLToPath(new URL('../src/worker.ts', import.meta.url));
// The pinned workerd, installed into .cache/runtimes on first use (not a workspace dependency).
const workerdBinary = await runtimeBinary('workerd');
const SALT = 'workerd-d1-salt-5e';

interface Run {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

async function serve(directory: string): Promise<Run> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // D1 bindings in a wrangler.json are an experimental feature of workerd; `http` is the config's one socket.
  const child: ChildProcess = spawn(
    workerdBinary,
    ['serve', '--experimental', '-s', `http=127.0.0.1:${port}`, 'wrangler.json'],
    { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`workerd exited (${child.exitCode}):\n${output}`);
    try {
      await (await fetch(`${url}/health`)).body?.cancel();
      break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`workerd did not answer within 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

const post = async (url: string, built: ReturnType<typeof buildNotification>) => {
  const response = await fetch(`${url}/notifications`, {
    method: 'POST',
    headers: { 'content-type': built.contentType },
    body: built.body,
  });
  return { status: response.status, body: await response.json() };
};

/** workerd writes console.log to its stdout: the log sink's lines, by order id. */
async function loggedOrders(run: Run, atLeast: number): Promise<unknown[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const orders = run
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{"event":"et-notification"'))
      .map((line) => JSON.parse(line).orderId);
    if (orders.length >= atLeast || Date.now() > deadline) return orders;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('notify-worker on workerd with a D1 inbox (INBOX_D1)', () => {
  let directory: string;
  const runs: Run[] = [];

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'etkit-workerd-d1-'));
    await writeFile(join(directory, 'worker.js'), await bundlePortable(entry, ['worker', 'browser']));
    const wrangler = {
      name: 'notify-worker-d1-test',
      main: 'worker.js',
      no_bundle: true,
      compatibility_date: '2025-09-01',
      vars: { ET_NOTIFY_SALT: SALT },
      d1_databases: [
        { binding: 'INBOX_D1', database_name: 'inbox', database_id: '00000000-0000-4000-8000-000000000001' },
      ],
    };
    await writeFile(join(directory, 'wrangler.json'), JSON.stringify(wrangler, null, 2));
  }, 60_000);

  afterAll(async () => {
    for (const run of runs) await run.stop();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  it('processes a notification once across a restart of the runtime, and does not warn', async () => {
    const payment = buildNotification({ salt: SALT, kind: 'payment_result', fields: { order_id: 'ET-D1W-1' } });
    const later = buildNotification({ salt: SALT, kind: 'payment_result', fields: { order_id: 'ET-D1W-2' } });

    const first = await serve(directory);
    runs.push(first);
    expect(await post(first.url, payment)).toEqual({ status: 200, body: { notify_result: 'OK' } });
    expect(await post(first.url, payment)).toEqual({ status: 200, body: { notify_result: 'OK' } });
    expect(await loggedOrders(first, 1)).toEqual(['ET-D1W-1']);
    await first.stop();

    const second = await serve(directory);
    runs.push(second);
    expect(await post(second.url, payment)).toEqual({ status: 200, body: { notify_result: 'OK' } });
    expect(await post(second.url, later)).toEqual({ status: 200, body: { notify_result: 'OK' } });
    // The new notification is logged by the restarted worker; the resend of the first one is not.
    expect(await loggedOrders(second, 1)).toEqual(['ET-D1W-2']);
    for (const run of [first, second]) expect(run.output()).not.toContain(MEMORY_INBOX_WARNING);
  }, 60_000);
});
