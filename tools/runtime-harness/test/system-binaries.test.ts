import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findChromium, findPostgresBin, SystemBinaryError } from '../src/system-binaries.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'etkit-system-binaries-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function file(path: string, mode = 0o755): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
  return path;
}
const pgBin = (directory: string, programs = ['postgres', 'initdb', 'pg_ctl']) => {
  for (const program of programs) file(join(directory, program));
  return directory;
};
/** What the lookup threw: its class, code and message. */
function failure(lookup: () => string): { error: unknown; code: unknown; message: string } {
  try {
    return { error: lookup(), code: undefined, message: '' };
  } catch (error) {
    return { error, code: (error as SystemBinaryError).code, message: (error as Error).message };
  }
}

describe('findChromium', () => {
  it('uses ETKIT_CHROMIUM when it names an executable file', () => {
    const own = file(join(root, 'own/chrome'));
    const debian = file(join(root, 'usr/bin/chromium'));
    expect(findChromium({ env: { ETKIT_CHROMIUM: own }, defaultLocation: debian })).toBe(own);
  });

  it("falls back to Debian's location when the variable is unset", () => {
    const debian = file(join(root, 'usr/bin/chromium'));
    expect(findChromium({ env: {}, defaultLocation: debian })).toBe(debian);
  });

  it('refuses a variable naming a missing or non-executable file, even when the default exists', () => {
    const debian = file(join(root, 'usr/bin/chromium'));
    const plain = file(join(root, 'plain'), 0o644);
    for (const override of [join(root, 'nothing'), plain, root]) {
      const { error, code, message } = failure(() =>
        findChromium({ env: { ETKIT_CHROMIUM: override }, defaultLocation: debian }),
      );
      expect(error).toBeInstanceOf(SystemBinaryError);
      expect(code).toBe('SYSTEM_BINARY_MISSING');
      expect(message).toContain(`ETKIT_CHROMIUM=${override} is not an executable file.`);
    }
  });

  it('says what to install and which variable to set when there is none', () => {
    const { code, message } = failure(() => findChromium({ env: {}, defaultLocation: join(root, 'usr/bin/chromium') }));
    expect(code).toBe('SYSTEM_BINARY_MISSING');
    expect(message).toContain(`Chromium not found at ${join(root, 'usr/bin/chromium')} and ETKIT_CHROMIUM is not set.`);
    expect(message).toContain('bash scripts/ci/system-deps.sh');
    expect(message).toContain('brew install --cask chromium');
    expect(message).toContain('set ETKIT_CHROMIUM to the path of its executable');
  });
});

describe('findPostgresBin', () => {
  it('uses ETKIT_PG_BIN when it holds postgres, initdb and pg_ctl', () => {
    const own = pgBin(join(root, 'own/bin'));
    expect(findPostgresBin({ env: { ETKIT_PG_BIN: own }, defaultLocation: join(root, 'none') })).toBe(own);
  });

  it('names the programs ETKIT_PG_BIN lacks', () => {
    const half = pgBin(join(root, 'half'), ['initdb']);
    const { code, message } = failure(() => findPostgresBin({ env: { ETKIT_PG_BIN: half } }));
    expect(code).toBe('SYSTEM_BINARY_MISSING');
    expect(message).toContain(`ETKIT_PG_BIN=${half} has no executable postgres, pg_ctl.`);
  });

  it('picks the newest complete Debian version when the variable is unset', () => {
    const debian = join(root, 'usr/lib/postgresql');
    pgBin(join(debian, '9.6/bin'));
    pgBin(join(debian, '15/bin'));
    pgBin(join(debian, '17/bin'), ['initdb']); // a leftover without the server
    expect(findPostgresBin({ env: {}, defaultLocation: debian })).toBe(join(debian, '15', 'bin'));
  });

  it('says what to install and which variable to set when there is none', () => {
    const { code, message } = failure(() => findPostgresBin({ env: {}, defaultLocation: join(root, 'none') }));
    expect(code).toBe('SYSTEM_BINARY_MISSING');
    expect(message).toContain('ETKIT_PG_BIN is not set.');
    expect(message).toContain('brew install postgresql@17');
    expect(message).toContain('set ETKIT_PG_BIN to the directory that holds postgres, initdb and pg_ctl');
  });
});
