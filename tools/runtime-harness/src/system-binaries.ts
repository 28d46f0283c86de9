import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Where the tests find the two system programs they drive: Chromium (browser tests) and the PostgreSQL server
// binaries (merchant-express's real-database runs). Debian's locations are the defaults, which
// scripts/ci/system-deps.sh installs; on any other system the ETKIT_CHROMIUM and ETKIT_PG_BIN variables point at
// your own install. A variable that is set but wrong is an error, never a silent fall back to the default.

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const DEBIAN_POSTGRESQL = '/usr/lib/postgresql';
const PG_PROGRAMS = ['postgres', 'initdb', 'pg_ctl'] as const;

export class SystemBinaryError extends Error {
  readonly code = 'SYSTEM_BINARY_MISSING';
  constructor(message: string) {
    super(message);
    this.name = 'SystemBinaryError';
  }
}

export interface LookupOptions {
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** The default location (Debian's), replaceable for tests. */
  defaultLocation?: string;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const CHROMIUM_HINT =
  'On Debian or Ubuntu run `bash scripts/ci/system-deps.sh` (it installs the chromium package). Elsewhere install ' +
  'Chromium or Google Chrome yourself (macOS: `brew install --cask chromium`; Fedora: `dnf install chromium`; ' +
  'Arch: `pacman -S chromium`; Alpine: `apk add chromium`) and set ETKIT_CHROMIUM to the path of its executable.';

/** The Chromium executable the browser tests launch: $ETKIT_CHROMIUM, else Debian's /usr/bin/chromium. */
export function findChromium({ env = process.env, defaultLocation = DEBIAN_CHROMIUM }: LookupOptions = {}): string {
  const override = env.ETKIT_CHROMIUM;
  if (override) {
    if (isExecutableFile(override)) return override;
    throw new SystemBinaryError(`ETKIT_CHROMIUM=${override} is not an executable file. ${CHROMIUM_HINT}`);
  }
  if (isExecutableFile(defaultLocation)) return defaultLocation;
  throw new SystemBinaryError(
    `Chromium not found at ${defaultLocation} and ETKIT_CHROMIUM is not set. ${CHROMIUM_HINT}`,
  );
}

const POSTGRES_HINT =
  'On Debian or Ubuntu run `bash scripts/ci/system-deps.sh` (it installs the postgresql package). Elsewhere install ' +
  'the PostgreSQL server (macOS: `brew install postgresql@17`, then ETKIT_PG_BIN=$(brew --prefix postgresql@17)/bin; ' +
  'Fedora: `dnf install postgresql-server`, ETKIT_PG_BIN=/usr/bin; Arch: `pacman -S postgresql`, ETKIT_PG_BIN=/usr/bin) ' +
  'and set ETKIT_PG_BIN to the directory that holds postgres, initdb and pg_ctl.';

const missingPrograms = (directory: string) =>
  PG_PROGRAMS.filter((program) => !isExecutableFile(join(directory, program)));

/** The directory with postgres, initdb and pg_ctl: $ETKIT_PG_BIN, else the newest /usr/lib/postgresql/<n>/bin. */
export function findPostgresBin({
  env = process.env,
  defaultLocation = DEBIAN_POSTGRESQL,
}: LookupOptions = {}): string {
  const override = env.ETKIT_PG_BIN;
  if (override) {
    const missing = missingPrograms(override);
    if (missing.length === 0) return override;
    throw new SystemBinaryError(`ETKIT_PG_BIN=${override} has no executable ${missing.join(', ')}. ${POSTGRES_HINT}`);
  }
  const versions = existsSync(defaultLocation)
    ? readdirSync(defaultLocation)
        .filter((version) => missingPrograms(join(defaultLocation, version, 'bin')).length === 0)
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] !== undefined) return join(defaultLocation, versions[0], 'bin');
  throw new SystemBinaryError(
    `PostgreSQL server binaries not found (no ${defaultLocation}/*/bin with postgres, initdb and pg_ctl) and ` +
      `ETKIT_PG_BIN is not set. ${POSTGRES_HINT}`,
  );
}
