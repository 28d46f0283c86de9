// `pnpm pack:tarballs` while the packages are not on npm: each printed `npm install` line must name every @etkit
// tarball the package needs at run time (npm would look any other up in the registry and get a 404), read from
// the manifests inside the packed tarballs, where `workspace:` ranges have become versions.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { installCommand, installPlan } from '../release/lib/install-plan.mjs';
import { listPackages } from '../release/lib/workspace.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'etkit-pack-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const manifest = (name: string, dependencies: Record<string, string> = {}, peerDependencies = {}) => ({
  name,
  dir: `/x/${name}`,
  folder: name,
  manifest: { name, dependencies, peerDependencies },
});

describe('installPlan', () => {
  it('names the package first, then every @etkit package it needs, transitively, and no other', () => {
    const packages = [
      manifest('@etkit/a', { '@etkit/b': '^1.0.0', undici: '^7' }),
      manifest('@etkit/b', { '@etkit/c': '^1.0.0' }),
      manifest('@etkit/c'),
      manifest('@etkit/d', {}, { '@etkit/c': '^1.0.0' }),
      manifest('@etkit/e', { '@etkit/e2': '^1.0.0' }),
      manifest('@etkit/e2', { '@etkit/e': '^1.0.0' }), // a loop must not hang or repeat
    ];
    const plan = installPlan(packages, (name: string) => `/t/${name.slice(7)}.tgz`);
    expect(plan).toEqual([
      { name: '@etkit/a', tarballs: ['/t/a.tgz', '/t/b.tgz', '/t/c.tgz'] },
      { name: '@etkit/b', tarballs: ['/t/b.tgz', '/t/c.tgz'] },
      { name: '@etkit/c', tarballs: ['/t/c.tgz'] },
      { name: '@etkit/d', tarballs: ['/t/d.tgz', '/t/c.tgz'] },
      { name: '@etkit/e', tarballs: ['/t/e.tgz', '/t/e2.tgz'] },
      { name: '@etkit/e2', tarballs: ['/t/e2.tgz', '/t/e.tgz'] },
    ]);
    expect(installCommand({ name: '@etkit/a', tarballs: ['/my dir/a.tgz', '/t/b.tgz'] })).toBe(
      "npm install '/my dir/a.tgz' /t/b.tgz",
    );
  });

  it('refuses a plan with a needed tarball missing', () => {
    const packages = [manifest('@etkit/a', { '@etkit/b': '^1.0.0' }), manifest('@etkit/b')];
    expect(() => installPlan(packages, (name: string) => (name === '@etkit/a' ? '/t/a.tgz' : undefined))).toThrow(
      'no tarball for @etkit/b, which @etkit/a needs',
    );
  });
});

describe('scripts/release/pack.mjs', () => {
  it('packs all seven packages and prints, for each, a line closed under the packed dependencies', () => {
    const stdout = execFileSync(process.execPath, ['scripts/release/pack.mjs', '--no-build', '--out', out], {
      cwd: root,
      encoding: 'utf8',
      timeout: 55_000,
    });
    const names = listPackages().map((pkg: { name: string }) => pkg.name);
    expect(names).toHaveLength(7);
    // The @etkit dependencies each tarball's own package.json declares (dependencies and peerDependencies).
    const packedNeeds = new Map<string, { name: string; needs: string[] }>();
    const lines = new Map<string, string[]>();
    const blocks = stdout.split('\n\n').filter((block) => block.startsWith('@etkit/'));
    for (const block of blocks) {
      const [name, command] = block.split('\n').map((line) => line.trim());
      expect(command).toMatch(/^npm install /);
      lines.set(name!, command!.replace(/^npm install /, '').split(' '));
    }
    expect([...lines.keys()].sort()).toEqual([...names].sort());
    for (const tarballs of lines.values()) {
      for (const tarball of tarballs) {
        if (packedNeeds.has(tarball)) continue;
        const packed = JSON.parse(
          execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
        );
        const deps = { ...packed.dependencies, ...packed.peerDependencies };
        packedNeeds.set(tarball, {
          name: packed.name,
          needs: Object.keys(deps).filter((dep) => dep.startsWith('@etkit/')),
        });
      }
    }
    for (const [name, tarballs] of lines) {
      const inLine = tarballs.map((tarball) => packedNeeds.get(tarball)!.name);
      expect(inLine[0]).toBe(name);
      expect(new Set(inLine).size).toBe(inLine.length);
      for (const tarball of tarballs) {
        for (const need of packedNeeds.get(tarball)!.needs)
          expect({ line: name, has: need, ok: inLine.includes(need) }).toEqual({ line: name, has: need, ok: true });
      }
      // and nothing the package does not need: every other entry is needed by an earlier one in the closure
      const needed = new Set(tarballs.flatMap((tarball) => packedNeeds.get(tarball)!.needs));
      for (const other of inLine.slice(1)) expect(needed.has(other)).toBe(true);
      for (const tarball of tarballs) expect(tarball.startsWith(out)).toBe(true);
    }
    // the CLI, at the top of the graph, needs every package but the client (DESIGN.md)
    expect(lines.get('@etkit/cli')!.map((tarball) => basename(tarball).replace(/-\d.*$/, ''))).toEqual([
      'etkit-cli',
      'etkit-constants',
      'etkit-crypto',
      'etkit-notify',
      'etkit-openapi',
      'etkit-sandbox',
    ]);
  }, 60_000);
});
