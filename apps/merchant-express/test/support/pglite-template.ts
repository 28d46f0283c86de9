import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createPgliteDirectoryApart } from '../../src/db/pglite-memory.js';

/** The installed PGlite: its version, and where it is (a different build makes a different template). */
function pgliteIdentity(): string {
  let directory = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(directory, 'package.json'))) directory = dirname(directory);
  const { version } = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { version: string };
  return `${version}-${createHash('sha256').update(directory).digest('hex').slice(0, 8)}`;
}

/**
 * A fresh PGlite data directory, copied from a template made once per PGlite version (initdb only, no
 * migrations: the site applies those as it would to any new directory). initdb in WebAssembly takes 7–30 s on a
 * busy machine; a copy takes about 2 s. For tests that are about the site, not about creating a database
 * (`pglite-memory.test.ts` and `pglite-data-dir.test.ts` create theirs). `remove` deletes the copy.
 */
export async function copyPgliteTemplate(): Promise<{ dataDir: string; remove(): void }> {
  const template = await pgliteTemplateDirectory();
  const parent = mkdtempSync(join(tmpdir(), 'etkit-pglite-'));
  const dataDir = join(parent, 'data');
  cpSync(template, dataDir, { recursive: true });
  return { dataDir, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/** The template itself, made on first use: copy it, never open it (`DEMO_PGLITE_TEMPLATE` for `pnpm demo`). */
export async function pgliteTemplateDirectory(): Promise<string> {
  const template = join(tmpdir(), `etkit-pglite-template-${pgliteIdentity()}`);
  if (!existsSync(join(template, 'PG_VERSION'))) {
    // Made aside and renamed into place, so a concurrent test never copies a half-made template.
    const building = mkdtempSync(`${template}.building-`);
    await createPgliteDirectoryApart(join(building, 'data'));
    try {
      renameSync(join(building, 'data'), template);
    } catch {
      // Another test made it first.
    }
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}
