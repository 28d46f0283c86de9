// The protocol reference (spec/) is read through @etkit/spec only: no test, bench, script or generator opens its
// files by path or keeps a copy of them, so a change to the reference reaches every reader at once.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CODE = /\.(ts|tsx|mts|mjs|cjs|js)$/;
const SKIP = new Set(['node_modules', 'dist', 'test-results', '.cache', '.turbo']);

function codeFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    if (SKIP.has(entry) || entry.startsWith('.')) return [];
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return codeFiles(path);
    return CODE.test(entry) ? [path] : [];
  });
}

// A path to one of the reference's files that does not go through the package name.
const BY_PATH = /(?<!@etkit\/)spec\/(vectors|constants)\.json|(?<!@etkit\/)spec\/(PROTOCOL|ENDPOINTS)\.md/;
const spec = JSON.parse(readFileSync(join(root, 'spec', 'vectors.json'), 'utf8')) as { keys: Record<string, unknown> };

describe('the protocol reference', () => {
  const files = ['packages', 'apps', 'tools', 'tests', 'scripts'].flatMap((group) => codeFiles(join(root, group)));

  it('is read through @etkit/spec, never by path', () => {
    const self = fileURLToPath(import.meta.url);
    const offenders = files.filter((file) => file !== self && BY_PATH.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });

  it('has no copies: no JSON file outside spec/ holds one of its keys', () => {
    const pems = Object.values(spec.keys).map((key) => (key as { public_spki_pem: string }).public_spki_pem);
    const jsonFiles = ['packages', 'apps', 'tools', 'tests'].flatMap((group) => codeFilesOfJson(join(root, group)));
    const copies = jsonFiles.filter((file) => {
      const text = readFileSync(file, 'utf8');
      return pems.some((pem) => text.includes(JSON.stringify(pem).slice(1, 80)));
    });
    expect(copies.map((file) => relative(root, file))).toEqual([]);
  });
});

function codeFilesOfJson(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    if (SKIP.has(entry) || entry.startsWith('.')) return [];
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return codeFilesOfJson(path);
    return entry.endsWith('.json') ? [path] : [];
  });
}
