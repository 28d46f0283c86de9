import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled, RuntimeInstallError } from './install-once.js';

// Bun, Deno and workerd are ~350 MB of binaries that only the runtime-matrix tests run, so they are not workspace
// dependencies (a merchant's `pnpm install` would download them for nothing). The test command installs the pinned
// versions before any test runs (scripts/ci/runtimes.mjs), into <repo>/.cache/runtimes/<name>@<version> with npm;
// a test run on its own installs one on first use instead. Either way one process at a time under a lock (test
// files and packages run in parallel), and that folder is reused afterwards.

export type RuntimeName = 'bun' | 'deno' | 'workerd';

/** The pinned versions: the one place to change them. */
export const RUNTIME_VERSIONS: Readonly<Record<RuntimeName, string>> = JSON.parse(
  readFileSync(new URL('./runtime-versions.json', import.meta.url), 'utf8'),
);

export const RUNTIME_CACHE = fileURLToPath(new URL('../../../.cache/runtimes/', import.meta.url));

const INSTALL_TIMEOUT_MS = 10 * 60_000;

/** npm's settings that say where and how to reach a registry; pnpm's other npm_config_* settings are left out. */
const REGISTRY_SETTING = /registry|proxy|cafile|^npm_config_ca$|strict_ssl|_auth|userconfig/i;

function npmEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name) || REGISTRY_SETTING.test(name)),
  );
}

/** `npm install` of one exact package version into `folder`, install scripts on (they fetch the binaries). */
export function npmInstall(folder: string, name: string, version: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const manifest = { name: `etkit-runtime-${name}`, private: true, dependencies: { [name]: version } };
    writeFile(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`).then(() => {
      const args = ['install', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts=false'];
      const child = spawn('npm', [...args, '--loglevel=error'], { cwd: folder, env: npmEnvironment() });
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), INSTALL_TIMEOUT_MS);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new RuntimeInstallError(`could not run npm to install ${name}@${version}: ${error.message}`));
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) return resolve();
        const why = signal ? `killed (${signal})` : `exit ${code}`;
        reject(new RuntimeInstallError(`npm install ${name}@${version} in ${folder} failed (${why}):\n${output}`));
      });
    }, reject);
  });
}

/** The executable inside an install folder, or undefined when it is not there. */
function binaryIn(name: RuntimeName, folder: string): string | undefined {
  try {
    // workerd's package exports the path of the binary for this platform; bun and deno link theirs into .bin.
    const path: string =
      name === 'workerd'
        ? createRequire(join(folder, 'package.json'))('workerd').default
        : join(folder, 'node_modules', '.bin', name);
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined; // workerd's package is missing
  }
}

export interface PinnedRuntime {
  readonly binary: string;
  /** True when this call installed it, false when the cache already held it. */
  readonly installed: boolean;
}

/** The pinned runtime's executable, installed first if this machine does not have it yet. */
export async function ensureRuntime(name: RuntimeName): Promise<PinnedRuntime> {
  const version = RUNTIME_VERSIONS[name];
  if (version === undefined) throw new RuntimeInstallError(`no pinned version for ${name} in runtime-versions.json`);
  const folder = join(RUNTIME_CACHE, `${name}@${version}`);
  const installed = await ensureInstalled(
    folder,
    (target) => npmInstall(target, name, version),
    (target) => binaryIn(name, target) !== undefined,
  );
  const binary = binaryIn(name, folder);
  if (binary === undefined) throw new RuntimeInstallError(`no ${name} executable in ${folder} after installing it`);
  return { binary, installed };
}

/** The path of the pinned runtime's executable, installing it first if this machine has not yet. */
export async function runtimeBinary(name: RuntimeName): Promise<string> {
  return (await ensureRuntime(name)).binary;
}
