import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// A lock between processes on one machine: `mkdir` either creates the folder or fails with EEXIST, atomically,
// so exactly one caller holds it. The holder writes its pid inside; a lock whose holder has died (or that has no
// pid long after it was made: its holder died between the two steps) is taken over instead of waited on forever.

const POLL_MS = 200;
const PIDLESS_STALE_MS = 30_000;

export class LockTimeoutError extends Error {
  readonly code = 'LOCK_TIMEOUT';
  constructor(lockPath: string, waitedMs: number) {
    super(`waited ${Math.round(waitedMs / 1000)} s for the lock ${lockPath}; remove it if no install is running`);
    this.name = 'LockTimeoutError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by someone else
  }
}

async function isStale(lockPath: string): Promise<boolean> {
  const pid = Number(await readFile(join(lockPath, 'pid'), 'utf8').catch(() => ''));
  if (Number.isInteger(pid) && pid > 0) return !isAlive(pid);
  const made = await stat(lockPath).then(
    (info) => info.mtimeMs,
    () => undefined,
  );
  return made !== undefined && Date.now() - made > PIDLESS_STALE_MS;
}

/** Runs `task` while holding the lock folder `lockPath`; waits up to `timeoutMs` for another holder. */
export async function withDirLock<T>(lockPath: string, task: () => Promise<T>, timeoutMs = 15 * 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      await mkdir(lockPath);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // Two waiters that both find the same stale lock may both remove it, and the slower could remove the lock the
    // faster has just made; holders dying mid-install are rare, and an install run twice only costs time.
    if (await isStale(lockPath)) {
      await rm(lockPath, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - started > timeoutMs) throw new LockTimeoutError(lockPath, Date.now() - started);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    await writeFile(join(lockPath, 'pid'), String(process.pid));
    return await task();
  } finally {
    await rm(lockPath, { recursive: true, force: true });
  }
}
