// The test command's first step on a system without apt-get (macOS, Fedora, Arch…): scripts/ci/system-deps.sh
// must say what to install and which variable to set, not die with `apt-get: command not found`, and must accept
// ETKIT_CHROMIUM / ETKIT_PG_BIN pointing at the user's own install. The scripts run for real, with a PATH that has
// the basic tools but no apt-get, dpkg-query or sudo, and ETKIT_SYSTEM_ROOT playing a system without (or with)
// Debian's locations.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = join(root, 'scripts/ci/system-deps.sh');
const TOOLS = ['bash', 'dirname', 'basename', 'id', 'cat', 'find', 'grep', 'touch', 'env'];

let sandbox: string;
let noAptPath: string;

function which(tool: string): string {
  const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error(`the test needs ${tool} on PATH`);
  return found;
}

/** An executable stand-in at `path` (the scripts only check that it is there and executable). */
function executable(path: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
}

function systemDeps(env: Record<string, string>) {
  const result = spawnSync('bash', [script], {
    encoding: 'utf8',
    env: { PATH: noAptPath, HOME: sandbox, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'etkit-system-deps-'));
  noAptPath = join(sandbox, 'bin');
  mkdirSync(noAptPath);
  for (const tool of TOOLS) symlinkSync(which(tool), join(noAptPath, tool));
  mkdirSync(join(sandbox, 'empty-root'));
});
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

describe('scripts/ci/system-deps.sh without apt-get', () => {
  it('says what to install for both, names the variables, and fails', () => {
    const { code, stderr } = systemDeps({ ETKIT_SYSTEM_ROOT: join(sandbox, 'empty-root') });
    expect(code).toBe(1);
    expect(stderr).not.toMatch(/command not found/);
    expect(stderr).toContain('chromium: not found at');
    expect(stderr).toContain('this system has no apt-get');
    expect(stderr).toContain('brew install --cask chromium');
    expect(stderr).toContain('export ETKIT_CHROMIUM=');
    expect(stderr).toContain('postgresql: no server binaries under');
    expect(stderr).toContain('brew install postgresql@17');
    expect(stderr).toContain('export ETKIT_PG_BIN=');
    expect(stderr.trim().split('\n').at(-1)).toBe(
      'system-deps: not ready (10-chromium.sh 20-postgresql.sh); see the messages above.',
    );
  });

  it('accepts ETKIT_CHROMIUM and ETKIT_PG_BIN pointing at an install', () => {
    executable(join(sandbox, 'own/chrome'));
    for (const program of ['postgres', 'initdb', 'pg_ctl']) executable(join(sandbox, 'own/pg/bin', program));
    const { code, stdout, stderr } = systemDeps({
      ETKIT_SYSTEM_ROOT: join(sandbox, 'empty-root'),
      ETKIT_CHROMIUM: join(sandbox, 'own/chrome'),
      ETKIT_PG_BIN: join(sandbox, 'own/pg/bin'),
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(`chromium: ${join(sandbox, 'own/chrome')} (ETKIT_CHROMIUM)`);
    expect(stdout).toContain(`postgresql: ${join(sandbox, 'own/pg/bin')} (ETKIT_PG_BIN)`);
  });

  it('refuses a variable that points at nothing usable, even where the default exists', () => {
    executable(join(sandbox, 'debian/usr/bin/chromium'));
    for (const program of ['postgres', 'initdb', 'pg_ctl'])
      executable(join(sandbox, 'debian/usr/lib/postgresql/16/bin', program));
    executable(join(sandbox, 'half/pg/initdb'));
    const { code, stderr } = systemDeps({
      ETKIT_SYSTEM_ROOT: join(sandbox, 'debian'),
      ETKIT_CHROMIUM: join(sandbox, 'no-such-chrome'),
      ETKIT_PG_BIN: join(sandbox, 'half/pg'),
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`ETKIT_CHROMIUM=${join(sandbox, 'no-such-chrome')} is not an executable file.`);
    expect(stderr).toContain(`ETKIT_PG_BIN=${join(sandbox, 'half/pg')} does not hold executable postgres, initdb`);
  });

  it("finds Debian's locations when they are there", () => {
    executable(join(sandbox, 'debian/usr/bin/chromium'));
    for (const program of ['postgres', 'initdb', 'pg_ctl'])
      executable(join(sandbox, 'debian/usr/lib/postgresql/16/bin', program));
    const { code, stdout } = systemDeps({ ETKIT_SYSTEM_ROOT: join(sandbox, 'debian') });
    expect(code).toBe(0);
    expect(stdout).toContain(`chromium: ${join(sandbox, 'debian/usr/bin/chromium')}`);
    expect(stdout).toContain(`postgresql: ${join(sandbox, 'debian/usr/lib/postgresql/16/bin')}`);
  });
});

describe('turbo.json', () => {
  it('hands ETKIT_CHROMIUM and ETKIT_PG_BIN to every test task (turbo hides unlisted variables)', () => {
    const tasks: Record<string, { env?: string[] }> = JSON.parse(readFileSync(join(root, 'turbo.json'), 'utf8')).tasks;
    const testTasks = Object.keys(tasks).filter((name) => name === 'test' || name.endsWith('#test'));
    expect(testTasks.length).toBeGreaterThan(0);
    for (const name of testTasks) {
      expect({ name, env: tasks[name]!.env }).toEqual({
        name,
        env: expect.arrayContaining(['ETKIT_CHROMIUM', 'ETKIT_PG_BIN']),
      });
    }
  });
});
