// Each documented server_type is spelled in openapi.yaml and generated from there (the registry of
// @etkit/openapi, the constants' server_type rows); hand-written source reads it from the registry. A literal
// may stay in at most one hand-written source file, so that adding or renaming an operation is not a hunt
// through packages. Tests, benches and generated files are not counted.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sourceExtensions = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/** Every hand-written source file under `folder` (recursively), generated files left out. */
function sourceFiles(folder: string): string[] {
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return sourceExtensions.test(entry.name) && !entry.name.includes('.generated.') ? [path] : [];
  });
}

/** The code of a file without its comments (a `//` right after `:` or a quote is part of a URL or a string). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/**
 * The files whose code holds `literal` as a whole string ('…', "…" or `…`): the value itself, not prose that
 * mentions it (a help text saying "Sends get_rate" is documentation).
 */
function filesNaming(literal: string, files: readonly string[]): string[] {
  const quoted = new RegExp(`(['"\`])${literal}\\1`);
  return files.filter((file) => quoted.test(withoutComments(readFileSync(file, 'utf8'))));
}

const sourceFolders = ['packages', 'apps', 'examples'].flatMap((group) =>
  readdirSync(join(root, group)).map((name) => join(root, group, name, 'src')),
);
const files = sourceFolders.flatMap(sourceFiles);
const document = JSON.parse(readFileSync(join(root, 'packages/openapi/openapi.json'), 'utf8')) as {
  'x-etkit-operations': Record<string, { serverType: string | null }>;
};
const documented = Object.values(document['x-etkit-operations'])
  .map((operation) => operation.serverType)
  .filter((serverType): serverType is string => serverType !== null);

describe('documented server_type literals in hand-written source', () => {
  it('reads the documented server_types from the document and finds source files', () => {
    expect(documented).toContain('get_rate');
    expect(documented.length).toBeGreaterThanOrEqual(6);
    expect(files.some((file) => file.endsWith(join('client', 'src', 'client.ts')))).toBe(true);
    expect(files.some((file) => file.includes('.generated.'))).toBe(false);
  });

  it.each(documented)('%s is spelled in at most one file', (serverType) => {
    const naming = filesNaming(serverType, files).map((file) => relative(root, file));
    expect(
      naming.length,
      `spelled in ${naming.join(', ')}: read it from @etkit/openapi's registry`,
    ).toBeLessThanOrEqual(1);
  });

  it('counts a literal in code, not in comments or in a longer name', () => {
    const directory = mkdtempSync(join(tmpdir(), 'etkit-server-type-literals-'));
    try {
      const write = (name: string, text: string) => {
        writeFileSync(join(directory, name), text);
        return join(directory, name);
      };
      const single = write('a.ts', "const serverType = 'get_rate';\n");
      const double = write('b.ts', 'const body = { server_type: "get_rate" };\n');
      const template = write('c.ts', 'const serverType = `get_rate`;\n');
      const commented = write(
        'd.ts',
        "// 'get_rate'\n/** `get_rate` */\nconst url = 'https://x.test/'; // 'get_rate'\n",
      );
      const prose = write('e.ts', "const help = 'Sends get_rate, read-only';\nconst other = 'get_rate_table';\n");
      expect(filesNaming('get_rate', [single, double, template, commented, prose])).toEqual([single, double, template]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
