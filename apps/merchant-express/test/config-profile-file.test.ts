import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const valid = {
  ET_MERCHANT_NUMBER: 'ET82009',
  ET_SUB_MERCHANT_NUMBER: 'ET82009S001',
  ET_MERCHANT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----',
  ET_PUBLIC_KEY: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA',
  ET_NOTIFY_SALT: 'very-secret-salt',
  STAFF_USER: 'bursar',
  STAFF_PASSWORD: 'a-long-staff-password',
};
const dir = mkdtempSync(join(tmpdir(), 'merchant-express-profile-'));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('ET_PROFILE_FILE: the profile file etkit doctor --probe --out writes', () => {
  it('is read as it is', () => {
    const file = join(dir, 'et-profile.json');
    const found = { signatureHash: 'SHA-1', canonicalForm: 'drop-empty', keyWrap: 'rsa-oaep-sha256' };
    writeFileSync(file, `${JSON.stringify(found, null, 2)}\n`);
    expect(loadConfig({ ...valid, ET_PROFILE_FILE: file }).profile).toEqual(found);
  });

  it('names the variable for an unreadable, non-object or invalid file, and refuses ET_PROFILE beside it', () => {
    const invalid = join(dir, 'invalid.json');
    writeFileSync(invalid, '{"keyWrap":"rsa-9000"}');
    const list = join(dir, 'list.json');
    writeFileSync(list, '["SHA-1"]');
    expect(problemsOf({ ...valid, ET_PROFILE_FILE: join(dir, 'missing.json') })).toEqual([
      'ET_PROFILE_FILE names a file that cannot be read',
    ]);
    expect(problemsOf({ ...valid, ET_PROFILE_FILE: invalid })).toEqual([
      'ET_PROFILE_FILE: Unsupported value for profile.keyWrap',
    ]);
    expect(problemsOf({ ...valid, ET_PROFILE_FILE: list })[0]).toMatch(/^ET_PROFILE_FILE must hold a JSON object/);
    expect(problemsOf({ ...valid, ET_PROFILE_FILE: invalid, ET_PROFILE: '{}' })).toEqual([
      'set ET_PROFILE or ET_PROFILE_FILE, not both',
    ]);
  });
});
