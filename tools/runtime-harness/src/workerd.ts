import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { bundlePortable } from './portable-bundle.js';
import { runtimeBinary } from './runtimes.js';

// Runs a Worker entry in the real Cloudflare Workers runtime (the pinned `workerd` binary from npm, installed on
// first use by runtimes.ts). The bundle is built
// for a platform without Node, with the `worker` and `browser` conditions, so any `node:*` import fails the
// build: portable code must not need one (nor the nodejs_compat flag, which is not set).

// Resolved (and installed if needed) while the test file loads, before any hook's timeout runs.
const workerdBinary = await runtimeBinary('workerd');

export interface WorkerdOptions {
  /** Absolute path of the module whose default export has `fetch`. */
  entry: string;
  /** Text bindings, the Worker's `env`. */
  bindings?: Record<string, string>;
  /** Lets the Worker's fetch reach 127.0.0.1 (by default workerd allows only public addresses). */
  loopbackOutbound?: boolean;
}

export interface RunningWorker {
  url: string;
  /** What workerd wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/** The capnp config: one Worker, one HTTP socket on 127.0.0.1:port. */
function config(port: number, options: WorkerdOptions): string {
  // JSON string literals are valid capnp text literals for the ASCII values used here.
  const bindings = Object.entries(options.bindings ?? {}).map(
    ([name, value]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`,
  );
  const loopback = options.loopbackOutbound ? ', (name = "loopback", network = (allow = ["local"]))' : '';
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker)${loopback} ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2025-09-01",
  bindings = [ ${bindings.join(', ')} ],${options.loopbackOutbound ? '\n  globalOutbound = "loopback",' : ''}
);
`;
}

// A child killed by a signal has signalCode set and exitCode null: either means its 'exit' has been emitted.
const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Any answer to GET /health means workerd serves the Worker (the test entries answer 404 there). */
async function waitForAnswer(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (hasExited(child)) throw new Error(`workerd exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
    try {
      await (await fetch(`${url}/health`)).body?.cancel();
      return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`workerd did not answer on ${url} within 30 s:\n${output()}`);
}

/** Bundles the entry into a fresh temporary folder and serves it with `workerd serve`. */
export async function startWorkerd(options: WorkerdOptions): Promise<RunningWorker> {
  const directory = await mkdtemp(join(tmpdir(), 'etkit-workerd-'));
  let child: ChildProcess | undefined;
  try {
    await writeFile(join(directory, 'worker.js'), await bundlePortable(options.entry, ['worker', 'browser']));
    const port = await freePort();
    await writeFile(join(directory, 'config.capnp'), config(port, options));
    let output = '';
    child = spawn(workerdBinary, ['serve', 'config.capnp'], { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'] });
    // A binary that cannot start emits 'error' instead of exiting: say so in the output the wait reports.
    child.once('error', (error) => {
      output += `\nworkerd could not be started: ${error.message}`;
    });
    child.stdout!.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr!.on('data', (chunk) => {
      output += chunk;
    });
    const url = `http://127.0.0.1:${port}`;
    await waitForAnswer(url, child, () => output);
    const running = child;
    return {
      url,
      output: () => output,
      async stop() {
        if (!hasExited(running)) {
          const exited = new Promise((resolve) => running.once('exit', resolve));
          running.kill('SIGTERM');
          await exited;
        }
        await rm(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    child?.kill('SIGKILL');
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}
