import { lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { runMain } from './run-cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('--force replaces a symlink at the key path with a new 0600 file, never writing the key through it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'etkit-cli-keys-'));
  dirs.push(dir);
  const elsewhere = join(dir, 'shared-notes.txt');
  writeFileSync(elsewhere, 'keep me\n', { mode: 0o644 });
  symlinkSync(elsewhere, join(dir, 'merchant-private.pem'));
  const result = await runMain(['keys', 'generate', '--out', dir, '--bits', '1024', '--force']);
  expect(result.code).toBe(0);
  expect(readFileSync(elsewhere, 'utf8')).toBe('keep me\n');
  expect(statSync(elsewhere).mode & 0o777).toBe(0o644);
  const written = join(dir, 'merchant-private.pem');
  expect(lstatSync(written).isFile()).toBe(true);
  expect(statSync(written).mode & 0o777).toBe(0o600);
  expect(readFileSync(written, 'utf8')).toContain('-----BEGIN PRIVATE KEY-----');
});

it('--force over an existing world-readable key file leaves a 0600 file and no temporary files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'etkit-cli-keys-'));
  dirs.push(dir);
  const path = join(dir, 'merchant-private.pem');
  writeFileSync(path, 'old', { mode: 0o644 });
  const result = await runMain(['keys', 'generate', '--out', dir, '--bits', '1024', '--force']);
  expect(result.code).toBe(0);
  expect(statSync(path).mode & 0o777).toBe(0o600);
  expect(readFileSync(path, 'utf8')).toContain('-----BEGIN PRIVATE KEY-----');
  expect(result.stdout).not.toContain('PRIVATE KEY');
  const { readdirSync } = await import('node:fs');
  expect(readdirSync(dir).sort()).toEqual(['merchant-private.pem', 'merchant-public.pem']);
});

it('an --out it cannot write to is a usage error (exit 2) naming the error code, like an unreadable input file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'etkit-cli-keys-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'a-file'), '');
  const result = await runMain(['keys', 'generate', '--out', join(dir, 'a-file', 'keys'), '--bits', '1024']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('ENOTDIR');
  expect(result.stdout).toBe('');
});
