import { accessSync, constants, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { testTmpdir } from '../../vitest.tmpdir.js';

// The tests' temporary folder (vitest.tmpdir.ts): the developer's TMPDIR when set, else a RAM-backed folder when
// /dev/shm is a tmpfs with room, else the system's.
const saved = process.env.TMPDIR;
afterEach(() => {
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
});

describe('testTmpdir', () => {
  it('keeps a TMPDIR the developer set', () => {
    process.env.TMPDIR = '/somewhere/chosen';
    expect(testTmpdir()).toBe('/somewhere/chosen');
  });

  it('picks a writable folder on /dev/shm only when it is a tmpfs with 4 GiB free', () => {
    delete process.env.TMPDIR;
    const chosen = testTmpdir();
    accessSync(chosen, constants.W_OK);
    let roomy = false;
    try {
      const stats = statfsSync('/dev/shm');
      roomy = stats.type === 0x01021994 && stats.bavail * stats.bsize >= 4 * 1024 ** 3;
    } catch {
      roomy = false;
    }
    if (roomy) expect(chosen).toMatch(/^\/dev\/shm\/etkit-tests-/);
    else expect(chosen).toBe(tmpdir());
  });
});
