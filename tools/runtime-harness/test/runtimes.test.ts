import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withDirLock } from '../src/dir-lock.js';
import { ensureInstalled } from '../src/install-once.js';
import { RUNTIME_VERSIONS, runtimeBinary } from '../src/runtimes.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'etkit-runtimes-test-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An install that takes a while and records each time it ran, in a file outside the target folder. */
function slowInstall(log: string) {
  return async (folder: string) => {
    writeFileSync(log, `${readFileSafe(log)}ran\n`);
    await sleep(150);
    writeFileSync(join(folder, 'binary'), 'ok');
  };
}
const readFileSafe = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '');

describe('ensureInstalled', () => {
  it('installs once for concurrent callers, and not again afterwards', async () => {
    const folder = join(root, 'tool@1.0.0');
    const log = join(root, 'runs.log');
    const installed = await Promise.all(Array.from({ length: 5 }, () => ensureInstalled(folder, slowInstall(log))));
    expect(installed.sort()).toEqual([false, false, false, false, true]); // each says whether it was the one
    expect(await ensureInstalled(folder, slowInstall(log))).toBe(false);
    expect(readFileSafe(log)).toBe('ran\n');
    expect(readFileSync(join(folder, 'binary'), 'utf8')).toBe('ok');
    expect(readdirSync(root).sort()).toEqual(['runs.log', 'tool@1.0.0']); // the lock folder is gone
  });

  it('installs once across processes', async () => {
    const folder = join(root, 'tool@2.0.0');
    const log = join(root, 'runs.log');
    // install-once.ts bundled once into plain JavaScript, so the three processes are bare `node` (no tsx each).
    const script = join(root, 'install.mjs');
    await build({
      stdin: {
        contents: `
          import { ensureInstalled } from ${JSON.stringify(fileURLToPath(new URL('../src/install-once.ts', import.meta.url)))};
          import { appendFileSync, writeFileSync } from 'node:fs';
          await ensureInstalled(${JSON.stringify(folder)}, async (folder) => {
            appendFileSync(${JSON.stringify(log)}, 'ran\\n');
            await new Promise((resolve) => setTimeout(resolve, 300));
            writeFileSync(folder + '/binary', 'ok');
          });`,
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      logLevel: 'error',
    });
    const runOne = () =>
      new Promise<number | null>((resolve) => {
        spawn(process.execPath, [script], { stdio: 'inherit' }).on('close', resolve);
      });
    expect(await Promise.all([runOne(), runOne(), runOne()])).toEqual([0, 0, 0]);
    expect(readFileSafe(log)).toBe('ran\n');
  }, 30_000);

  it('redoes an install that stopped half-way (no marker), from an empty folder', async () => {
    const folder = join(root, 'tool@3.0.0');
    mkdirSync(folder);
    writeFileSync(join(folder, 'leftover'), 'partial download');
    const log = join(root, 'runs.log');
    await ensureInstalled(folder, slowInstall(log));
    expect(readFileSafe(log)).toBe('ran\n');
    expect(readdirSync(folder).sort()).toEqual(['.installed', 'binary']);
  });

  it('reinstalls a marked folder whose contents are gone (a clean-up removed its node_modules)', async () => {
    const folder = join(root, 'tool@5.0.0');
    const log = join(root, 'runs.log');
    const intact = (target: string) => existsSync(join(target, 'binary'));
    await ensureInstalled(folder, slowInstall(log), intact);
    rmSync(join(folder, 'binary'));
    await ensureInstalled(folder, slowInstall(log), intact);
    expect(readFileSafe(log)).toBe('ran\nran\n');
    expect(intact(folder)).toBe(true);
  });

  it('refuses an install that leaves no executable, and marks nothing', async () => {
    const folder = join(root, 'tool@6.0.0');
    await expect(
      ensureInstalled(
        folder,
        async () => {},
        () => false,
      ),
    ).rejects.toMatchObject({
      code: 'RUNTIME_INSTALL_FAILED',
    });
    expect(existsSync(join(folder, '.installed'))).toBe(false);
  });

  it('fails with the install error and leaves no marker, so the next call tries again', async () => {
    const folder = join(root, 'tool@4.0.0');
    await expect(
      ensureInstalled(folder, async () => {
        throw new Error('registry unreachable');
      }),
    ).rejects.toThrow('registry unreachable');
    expect(existsSync(join(folder, '.installed'))).toBe(false);
    const log = join(root, 'runs.log');
    await ensureInstalled(folder, slowInstall(log));
    expect(readFileSafe(log)).toBe('ran\n');
  });
});

describe('withDirLock', () => {
  it('runs holders one at a time', async () => {
    const lock = join(root, 'x.lock');
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 4 }, () =>
        withDirLock(lock, async () => {
          inside += 1;
          most = Math.max(most, inside);
          await sleep(50);
          inside -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock whose holder has died', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const lock = join(root, 'y.lock');
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), String(dead));
    expect(await withDirLock(lock, async () => 'got it', 5_000)).toBe('got it');
  });

  it('waits for a live holder, and gives up with LOCK_TIMEOUT', async () => {
    const lock = join(root, 'z.lock');
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), String(process.pid));
    await expect(withDirLock(lock, async () => 'never', 500)).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' });
  });
});

describe('the pinned runtimes', () => {
  it('are installed by the harness, not by the workspace: no manifest or catalog names them', () => {
    const repo = fileURLToPath(new URL('../../../', import.meta.url));
    const manifests = ['package.json', 'tools/runtime-harness/package.json', 'apps/notify-worker/package.json'];
    for (const manifest of manifests) {
      const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync(join(repo, manifest), 'utf8'));
      for (const name of Object.keys(RUNTIME_VERSIONS)) {
        expect({ manifest, name, listed: name in dependencies || name in devDependencies }).toEqual({
          manifest,
          name,
          listed: false,
        });
      }
    }
    const workspace = readFileSync(join(repo, 'pnpm-workspace.yaml'), 'utf8');
    expect(workspace).not.toMatch(/^\s+(bun|deno|workerd):/m);
  });

  it('run, at the pinned version', { timeout: 600_000 }, async () => {
    const version = (binary: string) => spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
    expect(version(await runtimeBinary('bun'))).toBe(RUNTIME_VERSIONS.bun);
    expect(version(await runtimeBinary('deno'))).toContain(`deno ${RUNTIME_VERSIONS.deno} `);
    // workerd prints its compatibility date, the version's middle part: 1.20261117.1 → 2026-11-17
    const date = RUNTIME_VERSIONS.workerd.split('.')[1]!.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
    expect(version(await runtimeBinary('workerd'))).toBe(`workerd ${date}`);
  });
});
