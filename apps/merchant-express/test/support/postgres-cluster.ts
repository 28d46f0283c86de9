import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBin } from '@etkit/runtime-harness/system-binaries';

/**
 * A throwaway PostgreSQL server for tests: its own cluster in a temp dir (a copy of an initdb'd template), on a
 * free loopback port, trust auth, no fsync. initdb refuses to run as root, so as root it runs as the `postgres` system user (created by
 * Debian's package), else as the current user. Fails loudly — never skips — when the binaries are missing.
 */
export interface PostgresCluster {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject()));
    });
  });
}

/** Runs a PostgreSQL binary as the cluster's owner; throws with its output when it fails. */
function runAsOwner(command: string, args: string[], owner: { uid: number; gid: number } | undefined) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    ...(owner === undefined ? {} : { uid: owner.uid, gid: owner.gid }),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' },
    timeout: 60_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args[0]} failed (${result.status}): ${result.stderr || result.stdout || result.error}`,
    );
  }
}

const INITDB_ARGS = ['-U', 'etkit', '--auth=trust', '-E', 'UTF8', '--no-sync'];

/**
 * A cluster made by initdb once per PostgreSQL build and owner, kept in the temp dir: each test cluster is a copy
 * of it. initdb takes about 5 s on a busy machine, the copy under half a second.
 */
function clusterTemplate(bin: string, owner: { uid: number; gid: number } | undefined): string {
  const identity = createHash('sha256')
    .update([bin, ...INITDB_ARGS, String(owner?.uid ?? process.getuid?.() ?? '')].join('\0'))
    .digest('hex')
    .slice(0, 12);
  const template = join(tmpdir(), `etkit-pg-template-${identity}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  // Made aside and renamed into place, so a concurrent test never copies a half-made template.
  const building = mkdtempSync(`${template}.building-`);
  try {
    if (owner !== undefined) chownSync(building, owner.uid, owner.gid);
    chmodSync(building, 0o700);
    runAsOwner(join(bin, 'initdb'), ['-D', join(building, 'data'), ...INITDB_ARGS], owner);
    try {
      renameSync(join(building, 'data'), template);
    } catch {
      // Another test made it first.
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

/** `serverOptions`: extra `-c name=value` settings for the server (the benchmark's statement statistics). */
export async function startPostgresCluster(serverOptions: string[] = []): Promise<PostgresCluster> {
  const bin = findPostgresBin(); // $ETKIT_PG_BIN or Debian's newest; throws saying what to install
  const isRoot = process.getuid?.() === 0;
  let owner: { uid: number; gid: number } | undefined;
  if (isRoot) {
    try {
      owner = {
        uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
      };
    } catch {
      throw new Error(
        'Running as root, but there is no `postgres` user to run initdb as (install the postgresql package).',
      );
    }
  }
  const directory = mkdtempSync(join(tmpdir(), 'etkit-pg-'));
  const dataDir = join(directory, 'data');
  if (owner !== undefined) chownSync(directory, owner.uid, owner.gid);
  chmodSync(directory, 0o700);
  const port = await freePort();
  try {
    // As the owner, so the copy keeps its owner and PostgreSQL's 0700 modes.
    runAsOwner('cp', ['-a', clusterTemplate(bin, owner), dataDir], owner);
    runAsOwner(
      join(bin, 'pg_ctl'),
      [
        'start',
        '-D',
        dataDir,
        '-w',
        '-l',
        join(directory, 'server.log'),
        '-o',
        `-p ${port} -c listen_addresses=127.0.0.1 -k ${directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off${serverOptions.map((option) => ` -c ${option}`).join('')}`,
      ],
      owner,
    );
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgresql://etkit@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        runAsOwner(join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate', '-w'], owner);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}
