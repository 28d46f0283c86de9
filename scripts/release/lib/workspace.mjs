// Shared helpers for the release scripts: find the workspace packages, run commands, pack, print tables.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveExport } from './exports.mjs';

export const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const packagesDir = join(repoRoot, 'packages');
export const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);

/** Packages that must run unchanged on Node, Deno, Bun, Workers and browsers (DESIGN.md, Seams). */
export const PORTABLE = new Set(['@etkit/constants', '@etkit/crypto', '@etkit/client', '@etkit/notify']);

/** Every packages/* package: `{ dir, folder, name, manifest }`, in folder order. */
export function listPackages() {
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'package.json')))
    .map((entry) => {
      const dir = join(packagesDir, entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { dir, folder: entry.name, name: manifest.name, manifest };
    });
}

/** The source file behind the package's main entry (its `@etkit/source` export condition). */
export function sourceEntry(pkg) {
  const root = pkg.manifest.exports?.['.'];
  // The portable source when the condition is split by runtime (`{ node: …, default: … }`).
  const source = typeof root === 'object' ? resolveExport(root['@etkit/source'], new Set()) : undefined;
  return join(pkg.dir, source ?? 'src/index.ts');
}

/** A package whose main source entry is still the `export {};` placeholder is not implemented yet. */
export function isImplemented(pkg) {
  const file = sourceEntry(pkg);
  if (!existsSync(file)) return false;
  const code = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\s+/g, '');
  return code !== '' && code !== 'export{};' && code !== 'export{}';
}

/** Names of the package's @etkit dependencies (runtime ones: dependencies + peerDependencies). */
export function internalDependencies(pkg) {
  const deps = { ...pkg.manifest.dependencies, ...pkg.manifest.peerDependencies };
  return Object.keys(deps).filter((name) => name.startsWith('@etkit/'));
}

/** The package plus every @etkit package it needs at run time, transitively. */
export function dependencyClosure(pkg, byName) {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const dep = byName.get(name);
    if (dep) for (const next of internalDependencies(dep)) visit(next);
  };
  visit(pkg.name);
  return [...seen].map((name) => byName.get(name)).filter(Boolean);
}

/**
 * Runs a command without a shell; resolves with `{ code, stdout, stderr, ms }` (never rejects on a non-zero exit).
 * A timeout kills the process group and reports code 124.
 */
export function run(command, args, { cwd = repoRoot, env, timeoutMs = 120_000, input } = {}) {
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, timeoutMs);
    child.on('error', (error) => {
      stderr += String(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({
        code: timedOut ? 124 : (code ?? 1),
        stdout,
        stderr,
        ms: Math.round(performance.now() - started),
      });
    });
    // A child may exit before reading its stdin (EPIPE): its exit code and output say what happened.
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

/**
 * Runs the workspace's own pnpm (the root devDependency, pinned to package.json's `packageManager` version) by path.
 * A `pnpm` looked up on PATH may be a global install of another version, which tries to switch itself to the
 * pinned one and refuses where the registry serves no signatures for it (a mirror).
 */
export function pnpm(args, options) {
  return run(bin('pnpm'), args, options);
}

/** Packs a package with `pnpm pack` (which rewrites `workspace:` ranges as publishing does) into `destination`. */
export async function pnpmPack(pkg, destination) {
  const result = await pnpm(['pack', '--json', '--pack-destination', destination], { cwd: pkg.dir });
  if (result.code !== 0) throw new Error(`pnpm pack failed for ${pkg.name}:\n${result.stderr || result.stdout}`);
  const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
  const tarball = report.filename.startsWith('/') ? report.filename : join(destination, report.filename);
  return { tarball, files: report.files.map((file) => file.path) };
}

/**
 * Packs every packages/* package with one recursive `pnpm pack` into `destination`: one pnpm start instead of seven
 * (pnpm's start-up is most of a pack's time). Returns `name → { tarball, files }`.
 */
export async function pnpmPackAll(destination) {
  const result = await pnpm(['-r', '--filter', './packages/*', 'pack', '--json', '--pack-destination', destination], {
    cwd: repoRoot,
  });
  if (result.code !== 0) throw new Error(`pnpm -r pack failed:\n${result.stderr || result.stdout}`);
  const reports = JSON.parse(result.stdout.slice(result.stdout.indexOf('[')));
  return new Map(
    reports.map((report) => [
      report.name,
      {
        tarball: report.filename.startsWith('/') ? report.filename : join(destination, report.filename),
        files: report.files.map((file) => file.path),
      },
    ]),
  );
}

/** Runs async tasks with at most `limit` at a time, keeping the results in order. */
export async function pool(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A plain-text table: `rows` are arrays of cells, the first row is the header. */
export function formatTable(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column] ?? '').length)));
  const line = (row) =>
    row
      .map((cell, column) => String(cell ?? '').padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Last lines of a command's output, for failure reports. */
export function tail(text, lines = 15) {
  return text.trim().split('\n').slice(-lines).join('\n');
}
