import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withDirLock } from './dir-lock.js';

// An install into a folder that happens once per machine, whichever process (test file, the test command's install
// step) asks first: the others wait on a lock beside the folder and then reuse what it made. A marker file written
// last says the install finished.

const INSTALLED_MARKER = '.installed';

export class RuntimeInstallError extends Error {
  readonly code = 'RUNTIME_INSTALL_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeInstallError';
  }
}

/**
 * Makes `folder` hold an install made by `install(folder)`, exactly once: a folder with the marker whose contents
 * pass `intact` is reused; any other (an install that died half-way, or one whose node_modules a clean-up removed)
 * is emptied and installed again. Resolves to whether this call ran the install.
 */
export async function ensureInstalled(
  folder: string,
  install: (folder: string) => Promise<void>,
  intact: (folder: string) => boolean = () => true,
): Promise<boolean> {
  const ready = () => existsSync(join(folder, INSTALLED_MARKER)) && intact(folder);
  if (ready()) return false;
  await mkdir(join(folder, '..'), { recursive: true });
  return withDirLock(`${folder}.lock`, async () => {
    if (ready()) return false; // another process installed it while this one waited
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    await install(folder);
    if (!intact(folder)) throw new RuntimeInstallError(`the install in ${folder} finished without its executable`);
    await writeFile(join(folder, INSTALLED_MARKER), `${new Date().toISOString()}\n`);
    return true;
  });
}
