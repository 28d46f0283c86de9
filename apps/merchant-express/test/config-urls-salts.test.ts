import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeConfig, loadConfig } from '../src/config.js';
import { configProblems as problemsOf, validEnv } from './support/config-env.js';

describe('PUBLIC_URL is a base that URLs are built on', () => {
  // notify_url is `${PUBLIC_URL}/notifications`: a query or fragment would swallow the path, and credentials
  // would be handed to ET and to every payer's browser in back_jump_url.
  for (const url of [
    'https://pay.example.edu/?a=1',
    'https://pay.example.edu/#top',
    'https://user:pw@pay.example.edu',
  ]) {
    it(`refuses ${url} without echoing it`, () => {
      const problems = problemsOf({ ...validEnv, PUBLIC_URL: url });
      expect(problems.join('\n')).toContain('PUBLIC_URL');
      expect(problems.join('\n')).not.toContain('pw@');
    });
  }
  it('accepts a base with a path, without its trailing slash', () => {
    expect(loadConfig({ ...validEnv, PUBLIC_URL: 'https://pay.example.edu/campus/' }).publicUrl).toBe(
      'https://pay.example.edu/campus',
    );
  });
});

describe('the previous notification salt is a secret like the current one', () => {
  it('ET_NOTIFY_SALT_PREVIOUS_FILE is read like ET_NOTIFY_SALT_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'merchant-express-config-'));
    try {
      const file = join(dir, 'previous-salt');
      writeFileSync(file, 'old-salt\n', { mode: 0o600 });
      expect(loadConfig({ ...validEnv, ET_NOTIFY_SALT_PREVIOUS_FILE: file }).notifySalts).toEqual([
        'very-secret-salt',
        'old-salt',
      ]);
      expect(problemsOf({ ...validEnv, ET_NOTIFY_SALT_PREVIOUS: 'a', ET_NOTIFY_SALT_PREVIOUS_FILE: file })).toEqual([
        'set ET_NOTIFY_SALT_PREVIOUS or ET_NOTIFY_SALT_PREVIOUS_FILE, not both',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('stays optional', () => {
    expect(loadConfig(validEnv).notifySalts).toEqual(['very-secret-salt']);
  });
});

describe('the start-up summary masks every password in DATABASE_URL', () => {
  it('the query-string password (and sslpassword) pg also reads is masked, like the user-info one', () => {
    const summary = describeConfig(
      loadConfig({
        ...validEnv,
        DATABASE_URL:
          'postgres://app:pw-in-userinfo@db.internal/shop?password=hunter2&sslpassword=s3cret&sslmode=require',
      }),
    );
    expect(summary).not.toContain('hunter2');
    expect(summary).not.toContain('s3cret');
    expect(summary).not.toContain('pw-in-userinfo');
    expect(summary).toContain('db.internal/shop');
    expect(summary).toContain('sslmode=require');
  });
});
