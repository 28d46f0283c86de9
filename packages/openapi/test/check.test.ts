import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const script = join(packageDir, 'scripts/generate.ts');

function run(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['--no-install', 'tsx', script, ...args], { cwd: packageDir }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

// The staleness check must be able to fail: run it on a scratch copy whose document changed.
describe('generate --check', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'etkit-openapi-test-'));
    await mkdir(join(scratch, 'src'));
    for (const file of ['openapi.yaml', 'openapi.json', 'src/openapi.generated.ts', 'src/spec.generated.ts']) {
      await cp(join(packageDir, file), join(scratch, file));
    }
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('passes on the committed files', async () => {
    expect(await run(['--check', '--package-dir', scratch])).toMatchObject({ code: 0 });
  }, 60_000);

  it('fails when the document changed without regenerating, and passes again after generate', async () => {
    const yaml = await readFile(join(scratch, 'openapi.yaml'), 'utf8');
    await writeFile(join(scratch, 'openapi.yaml'), yaml.replace(/maxLength: 20$/m, 'maxLength: 21'));
    const stale = await run(['--check', '--package-dir', scratch]);
    expect(stale.code).not.toBe(0);
    expect(stale.output).toContain('openapi.json');
    expect(stale.output).toContain('src/spec.generated.ts');
    expect(await run(['--package-dir', scratch])).toMatchObject({ code: 0 });
    expect(await run(['--check', '--package-dir', scratch])).toMatchObject({ code: 0 });
    const regenerated = await readFile(join(scratch, 'src/spec.generated.ts'), 'utf8');
    expect(regenerated).toMatch(/"maxLength": 21\b/);
  }, 60_000);

  it('fails on a document that does not lint', async () => {
    const yaml = await readFile(join(scratch, 'openapi.yaml'), 'utf8');
    await writeFile(join(scratch, 'openapi.yaml'), yaml.replace(/maxLength: 21$/m, 'maxLength: twenty'));
    const broken = await run(['--check', '--package-dir', scratch]);
    expect(broken.code).not.toBe(0);
    expect(broken.output).toContain('lint problems');
  }, 60_000);
});
