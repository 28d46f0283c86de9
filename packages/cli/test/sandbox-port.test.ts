// One sandbox port everywhere: `etkit sandbox serve` without --port, the demo (scripts/demo.mjs) and every README
// that shows a sandbox URL or port agree, so a URL copied from any README reaches a sandbox started either way.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_PORT } from '../src/commands/sandbox.js';
import { runCli } from './run-cli.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** README.md of the root and of every workspace folder (packages, apps, tools, tests). */
function readmes(): string[] {
  const found = [join(repo, 'README.md')];
  for (const group of ['packages', 'apps', 'tools', 'tests']) {
    for (const entry of readdirSync(join(repo, group), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const readme = join(repo, group, entry.name, 'README.md');
      try {
        readFileSync(readme);
        found.push(readme);
      } catch {}
    }
  }
  return found;
}

interface Mention {
  file: string;
  line: number;
  text: string;
  port: number;
}

/**
 * The sandbox ports a README names: `etkit sandbox serve … --port N`, a loopback URL to the API (`/server`), and on a
 * line that speaks of the sandbox, a loopback URL or "port N". Other servers' ports (the merchant site's 3000,
 * notify-worker's own 8787) sit on lines that do not mention the sandbox.
 */
export function sandboxPortMentions(file: string, text: string): Mention[] {
  const mentions: Mention[] = [];
  text.split('\n').forEach((line, index) => {
    const ports: string[] = [];
    for (const match of line.matchAll(/etkit sandbox serve[^`\n]*?--port (\d+)/g)) ports.push(match[1]!);
    const aboutSandbox = /sandbox/i.test(line);
    for (const match of line.matchAll(/https?:\/\/(?:127\.0\.0\.1|localhost):(\d+)(\/\S*)?/g)) {
      if (aboutSandbox || match[2]?.startsWith('/server')) ports.push(match[1]!);
    }
    if (aboutSandbox) for (const match of line.matchAll(/\bport (\d{2,5})\b/g)) ports.push(match[1]!);
    for (const port of new Set(ports))
      mentions.push({ file: relative(repo, file), line: index + 1, text: line, port: Number(port) });
  });
  return mentions;
}

describe('the sandbox port', () => {
  it('is 4000 by default in `etkit sandbox serve`, the same as the demo', () => {
    expect(DEFAULT_SANDBOX_PORT).toBe(4000);
    const demo = readFileSync(join(repo, 'scripts/demo.mjs'), 'utf8');
    expect(demo).toContain(`port('SANDBOX_PORT', ${DEFAULT_SANDBOX_PORT})`);
  });

  it('is the one every README shows for the sandbox', () => {
    const mentions = readmes().flatMap((file) => sandboxPortMentions(file, readFileSync(file, 'utf8')));
    // the READMEs that show one today: a wrong pattern must not turn this into a test of nothing
    expect(new Set(mentions.map((mention) => mention.file))).toEqual(
      new Set([
        'README.md',
        'packages/cli/README.md',
        'packages/client/README.md',
        'packages/sandbox/README.md',
        'apps/merchant-express/README.md',
      ]),
    );
    const others = mentions.filter((mention) => mention.port !== DEFAULT_SANDBOX_PORT);
    expect(others).toEqual([]);
  });

  it('reads a wrong port where a README would show one', () => {
    const wrong = [
      'From the command line: `etkit sandbox serve --port 8787 --data .etkit-sandbox`.',
      "Against the sandbox, pass its URL: `environment: 'http://127.0.0.1:4010/server'`.",
      'starts a local EasyTransfer (the sandbox, port 5000)',
      "environment: 'http://localhost:4001/server'",
      'notify-worker listens on http://127.0.0.1:8787 by default',
    ].join('\n');
    expect(sandboxPortMentions(join(repo, 'X.md'), wrong).map((mention) => mention.port)).toEqual([
      8787, 4010, 5000, 4001,
    ]);
  });

  it('`etkit sandbox serve` without --port tries 4000: its help says so, and a busy 4000 is named', async () => {
    expect((await runCli(['sandbox', 'serve', '--help'])).stdout).toContain(`[--port ${DEFAULT_SANDBOX_PORT}]`);
    // Hold the port (or find it already held): the serve must stop on it, before writing anything.
    const holder: Server | undefined = await new Promise((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(undefined));
      server.listen(DEFAULT_SANDBOX_PORT, '127.0.0.1', () => resolve(server));
    });
    try {
      const result = await runCli(['sandbox', 'serve', '--data', join(repo, '.cache', 'never-written')]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${DEFAULT_SANDBOX_PORT} is already in use on 127.0.0.1`);
    } finally {
      await new Promise<void>((resolve) => (holder ? holder.close(() => resolve()) : resolve()));
    }
  });
});
