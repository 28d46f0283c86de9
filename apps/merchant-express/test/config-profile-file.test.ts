import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { rejectedConfigProblems as problemsOf, validEnv } from './support/config-env.js';

const dir = mkdtempSync(join(tmpdir(), 'merchant-express-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ET_PROFILE_FILE: the profile file etkit doctor --probe --out writes', () => {
  it('is read as it is', () => {
    const file = join(dir, 'et-profile.json');
    const found = { signatureHash: 'SHA-1', canonicalForm: 'drop-empty', keyWrap: 'rsa-oaep-sha256' };
    writeFileSync(file, `${JSON.stringify(found, null, 2)}\n`);
    expect(loadConfig({ ...validEnv, ET_PROFILE_FILE: file }).profile).toEqual(found);
  });

  it('names the variable for an unreadable, non-object or invalid file, and refuses ET_PROFILE beside it', () => {
    const invalid = join(dir, 'invalid.json');
    writeFileSync(invalid, '{"keyWrap":"rsa-9000"}');
    const list = join(dir, 'list.json');
    writeFileSync(list, '["SHA-1"]');
    expect(problemsOf({ ...validEnv, ET_PROFILE_FILE: join(dir, 'missing.json') })).toEqual([
      'ET_PROFILE_FILE names a file that cannot be read',
    ]);
    expect(problemsOf({ ...validEnv, ET_PROFILE_FILE: invalid })).toEqual([
      'ET_PROFILE_FILE: Unsupported value for profile.keyWrap',
    ]);
    expect(problemsOf({ ...validEnv, ET_PROFILE_FILE: list })[0]).toMatch(/^ET_PROFILE_FILE must hold a JSON object/);
    expect(problemsOf({ ...validEnv, ET_PROFILE_FILE: invalid, ET_PROFILE: '{}' })).toEqual([
      'set ET_PROFILE or ET_PROFILE_FILE, not both',
    ]);
  });
});
