// The release checks in the test command must not depend on which `pnpm` a contributor has installed globally.
// Reproduces the failure seen on a machine whose global pnpm (another patch version) tried to switch itself to the
// pinned version and refused because the registry mirror serves no signatures: a stand-in that fails the same way
// is put first on PATH, and the release check must still pack, lint and type-check the package.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rootBin = join(root, 'node_modules', '.bin');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.replace(/^pnpm@/, '');

async function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { cwd: root, env, timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

let foreignBin: string;

beforeAll(async () => {
  foreignBin = mkdtempSync(join(tmpdir(), 'etkit-foreign-pnpm-'));
  const fake = join(foreignBin, 'pnpm');
  writeFileSync(
    fake,
    [
      '#!/bin/sh',
      'if [ "$1" = "--version" ]; then echo 10.34.9; exit 0; fi',
      `echo " ERR_PNPM_BAD_PM_VERSION  Refusing to run pnpm@${pinned}: its npm registry signature could not be verified" >&2`,
      'exit 1',
      '',
    ].join('\n'),
  );
  chmodSync(fake, 0o755);
  // The package the release check reads must be built; turbo replays its cache when it already is.
  const build = await run(
    join(rootBin, 'turbo'),
    ['run', 'build', '--filter=@etkit/constants', '--output-logs=errors-only'],
    {
      ...process.env,
      PATH: [rootBin, process.env.PATH].join(delimiter),
    },
  );
  expect(build.code, build.output).toBe(0);
}, 120_000);

afterAll(() => rmSync(foreignBin, { recursive: true, force: true }));

describe('the workspace pnpm', () => {
  it('is installed at the version package.json pins in packageManager', async () => {
    const result = await run(join(rootBin, 'pnpm'), ['--version']);
    expect(result.output.trim()).toBe(pinned);
  });

  it('the stand-in global pnpm fails as the real one did (so the next test can fail)', async () => {
    const result = await run('pnpm', ['pack'], {
      ...process.env,
      PATH: [foreignBin, process.env.PATH].join(delimiter),
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain('Refusing to run pnpm');
  });

  // The step that failed: packing, and publint's own packing. attw and the size budget read the same tarball
  // and take longer: left out here, they run in check:release.
  it('release checks (pack, publint) pass with a foreign pnpm first on PATH', async () => {
    const result = await run(
      process.execPath,
      [join(root, 'scripts', 'release', 'check-packages.mjs'), '--only', 'constants', '--skip', 'attw,size'],
      { ...process.env, PATH: [foreignBin, process.env.PATH].join(delimiter) },
    );
    expect(result.output).not.toContain('Refusing to run pnpm');
    expect(result.output).toMatch(/@etkit\/constants +ok +ok +ok +ok +ok +- +- +ok/);
    expect(result.code, result.output).toBe(0);
  }, 60_000);
});
