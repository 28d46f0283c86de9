import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

/**
 * PostgreSQL's default shared_buffers (128 MB) is sized for a server shared by many connections; PGlite runs
 * one connection inside this process, where those buffers are resident memory of the site. 16 MB holds the
 * sample's working set (measured in the README: steady RSS, same throughput).
 */
export const PGLITE_SHARED_BUFFERS = '16MB';

/** PGlite's own start parameters with a smaller shared_buffers; PGlite's defaults alone if it does not expose them. */
export function pgliteMemoryOptions(): PGliteOptions {
  const defaults = (PGlite as unknown as { defaultStartParams?: unknown }).defaultStartParams;
  if (!Array.isArray(defaults) || !defaults.every((part) => typeof part === 'string')) return {};
  return { startParams: [...defaults, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`] };
}

const initdbScript = fileURLToPath(new URL('./pglite-initdb.mjs', import.meta.url));

/**
 * A directory without a database yet is created by a short-lived child process: initdb's memory then leaves
 * with it (in-process, the site kept ~600 MB more RSS for its whole life after a first start).
 */
export async function createPgliteDirectoryApart(dataDir: string): Promise<void> {
  if (dataDir.includes('://') || existsSync(join(dataDir, 'PG_VERSION'))) return;
  await new Promise<void>((resolve, reject) =>
    execFile(process.execPath, [initdbScript, dataDir], { timeout: 120_000 }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
}
