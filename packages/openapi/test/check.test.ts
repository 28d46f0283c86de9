// `pnpm generate` / `pnpm check` (scripts/generate.ts), run in-process through its command function on scratch
// copies of the package: Redocly and openapi-typescript load once for the file, and each run is a lint and a
// render of one document.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serverTypeRowsPath } from '../scripts/artefacts.js';
import { generateCommand } from '../scripts/generate-command.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const scratches: string[] = [];

const artefactFiles = [
  'openapi.yaml',
  'openapi.json',
  'src/openapi.generated.ts',
  'src/spec.generated.ts',
  serverTypeRowsPath,
];

/**
 * A copy of the document and its committed artefacts, with the document edited by `edit`: `<tmp>/openapi`, with
 * the constants package's generated rows at `<tmp>/constants`, where the generator writes them.
 */
async function scratchCopy(edit: (yaml: string) => string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'etkit-openapi-test-'));
  scratches.push(root);
  const scratch = join(root, 'openapi');
  for (const file of artefactFiles) {
    await mkdir(dirname(join(scratch, file)), { recursive: true });
    await cp(join(packageDir, file), join(scratch, file));
  }
  const yaml = await readFile(join(scratch, 'openapi.yaml'), 'utf8');
  const edited = edit(yaml);
  expect(edited).not.toBe(yaml);
  await writeFile(join(scratch, 'openapi.yaml'), edited);
  return scratch;
}

/** Runs the command as `tsx scripts/generate.ts …` would: its exit code and everything it printed. */
async function run(args: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const output = { log: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
  const code = await generateCommand(args, output);
  return { code, output: lines.join('\n') };
}

afterAll(() => Promise.all(scratches.map((scratch) => rm(scratch, { recursive: true, force: true }))));

// The staleness check must be able to fail: run it on scratch copies whose document changed.
describe('generate --check', () => {
  it('passes on the committed files', async () => {
    expect(await run(['--check', '--package-dir', packageDir])).toEqual({
      code: 0,
      output: 'generated files are up to date',
    });
  });

  it('fails when the document changed without regenerating, and passes again after generate', async () => {
    const scratch = await scratchCopy((yaml) => yaml.replace(/maxLength: 20$/m, 'maxLength: 21'));
    const stale = await run(['--check', '--package-dir', scratch]);
    expect(stale.code).not.toBe(0);
    expect(stale.output).toContain('openapi.json');
    expect(stale.output).toContain('src/spec.generated.ts');
    expect(await run(['--package-dir', scratch])).toMatchObject({ code: 0 });
    expect(await run(['--check', '--package-dir', scratch])).toMatchObject({ code: 0 });
    const regenerated = await readFile(join(scratch, 'src/spec.generated.ts'), 'utf8');
    expect(regenerated).toMatch(/"maxLength": 21\b/);
  });

  it("keeps the constants package's server_type rows in step with the operation registry", async () => {
    const scratch = await scratchCopy((yaml) => yaml.replace('label: Get exchange rate', 'label: Get the rate'));
    const stale = await run(['--check', '--package-dir', scratch]);
    expect(stale.code).not.toBe(0);
    expect(stale.output).toContain(serverTypeRowsPath);
    expect(await run(['--package-dir', scratch])).toMatchObject({ code: 0 });
    expect(await readFile(join(scratch, serverTypeRowsPath), 'utf8')).toContain('"en": "Get the rate"');
  });

  it('fails on a document that does not lint, and writes nothing', async () => {
    const scratch = await scratchCopy((yaml) => yaml.replace(/maxLength: 20$/m, 'maxLength: twenty'));
    const before = await readFile(join(scratch, 'src/spec.generated.ts'), 'utf8');
    const broken = await run(['--check', '--package-dir', scratch]);
    expect(broken.code).not.toBe(0);
    expect(broken.output).toContain('lint problems');
    expect(await run(['--package-dir', scratch])).toMatchObject({ code: 1 });
    expect(await readFile(join(scratch, 'src/spec.generated.ts'), 'utf8')).toBe(before);
  });
});
