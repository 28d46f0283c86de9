/**
 * tsx bench/node-memory.ts [--seconds N] [--connections C] [--entry src/node.ts]
 *
 * The Node entry's memory under load: starts `entry` as its own process, posts unique signed notifications
 * to it from a second process (packages/notify/bench/load.ts, autocannon) and samples the entry's RSS
 * (/proc/<pid>/status) every second. Prints the rate and the RSS min / max / last.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const argument = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
};
const seconds = argument('seconds', '30');
const connections = argument('connections', '10');
const entry = argument('entry', 'src/node.ts');
const extraNodeArgs = argument('node-args', '').split(' ').filter(Boolean);
const salt = 'bench-salt-not-a-secret';
const workerDir = fileURLToPath(new URL('..', import.meta.url));
const notifyDir = fileURLToPath(new URL('../../../packages/notify/', import.meta.url));

const rssOf = (pid: number) => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? 0 : Number(match[1]) / 1024;
};

const server = spawn(process.execPath, [...extraNodeArgs, '--import', 'tsx', entry], {
  cwd: workerDir,
  env: { ...process.env, PORT: '0', ET_NOTIFY_SALT: salt },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve) => {
  server.stdout.on('data', (chunk: Buffer) => {
    const match = /listening on (http:\/\/\S+)/.exec(String(chunk));
    if (match !== null) resolve(match[1]!);
  });
});
const samples: number[] = [];
const timer = setInterval(() => samples.push(rssOf(server.pid!)), 1000);
const load = spawn(
  process.execPath,
  ['--import', 'tsx', '--conditions', '@etkit/source', 'bench/load.ts', url, seconds, connections, salt],
  { cwd: notifyDir, stdio: ['ignore', 'pipe', 'inherit'] },
);
let output = '';
load.stdout.on('data', (chunk) => {
  output += chunk;
});
await new Promise((resolve) => load.on('exit', resolve));
clearInterval(timer);
server.kill('SIGTERM');
const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as { requestsPerSecond?: number; non2xx?: number };
const after = samples.slice(2);
console.log(
  `${entry} ${extraNodeArgs.join(' ')}: ${Math.round(result.requestsPerSecond ?? 0)} req/s (non-2xx ${result.non2xx}), ` +
    `RSS min ${Math.min(...after).toFixed(0)} MB, max ${Math.max(...after).toFixed(0)} MB, last ${after.at(-1)?.toFixed(0)} MB ` +
    `over ${after.length} s; load average ${loadavg()[0]!.toFixed(1)}`,
);
console.log(`  RSS series, MB: ${samples.map((n) => n.toFixed(0)).join(' ')}`);
