import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from '../src/config.js';
import { hashPassword, passwordMatches } from '../src/login/password.js';
import { startMerchantSite } from '../src/server.js';
import { rejectedConfigProblems as problemsOf, validEnv } from './support/config-env.js';

describe('configuration from the environment', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(validEnv);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      publicUrl: undefined,
      environment: 'test',
      notifySalts: ['very-secret-salt'],
      database: { kind: 'pglite', dataDir: '.etkit-data/merchant-express' },
      reconcileIntervalMs: 300_000,
      reconcileAfterMs: 600_000,
    });
    // A key pasted on one line with literal \n is restored to PEM lines.
    expect(config.merchantPrivateKey.split('\n')).toHaveLength(3);
  });

  it('uses PostgreSQL when DATABASE_URL is set, and a salt being rotated out', () => {
    const config = loadConfig({
      ...validEnv,
      DATABASE_URL: 'postgres://shop:pw@db.internal:5432/shop',
      ET_NOTIFY_SALT_PREVIOUS: 'old-salt',
      ET_ENVIRONMENT: 'http://127.0.0.1:4000/server',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://shop:pw@db.internal:5432/shop' });
    expect(config.notifySalts).toEqual(['very-secret-salt', 'old-salt']);
    expect(config.environment).toBe('http://127.0.0.1:4000/server');
    // The summary for the log names the database but not its password, and no secret at all.
    const summary = describeConfig(config);
    expect(summary).toContain('db.internal');
    expect(summary).not.toContain(':pw@');
    expect(summary).not.toContain('very-secret-salt');
    expect(summary).not.toContain('MIIB');
  });

  it('reports every problem at once, naming the variable, never the value', () => {
    const problems = problemsOf({
      ET_MERCHANT_PRIVATE_KEY: validEnv.ET_MERCHANT_PRIVATE_KEY,
      ET_MERCHANT_PRIVATE_KEY_FILE: '/etc/key.pem',
      ET_NOTIFY_SALT: 'very-secret-salt',
      PORT: 'eighty',
      PUBLIC_URL: 'ftp://shop.example',
      ET_ENVIRONMENT: 'staging',
      DATABASE_URL: 'mysql://x',
      RECONCILE_INTERVAL_SECONDS: '-5',
      ET_PROFILE: '{"keyWrap":"rsa-9000"}',
    });
    expect(problems).toEqual([
      'PORT must be a whole number from 0 to 65535',
      'PUBLIC_URL must be an http(s) URL',
      'ET_ENVIRONMENT must be "test", "production" or an http(s) URL of an EasyTransfer server',
      'ET_MERCHANT_NUMBER is required: the merchant number ET issued (e.g. ET82009)',
      'ET_SUB_MERCHANT_NUMBER is required: the sub-merchant number ET issued (e.g. ET82009S001)',
      'set ET_MERCHANT_PRIVATE_KEY or ET_MERCHANT_PRIVATE_KEY_FILE, not both',
      "ET_PUBLIC_KEY (or ET_PUBLIC_KEY_FILE) is required: EasyTransfer's RSA public key (PEM or base64 DER)",
      'ET_PROFILE: Unsupported value for profile.keyWrap',
      'DATABASE_URL must be a postgres:// or postgresql:// connection URL',
      'RECONCILE_INTERVAL_SECONDS must be a whole number from 0 to 86400',
      'STAFF_USER is required: the user name staff sign in with',
      'STAFF_PASSWORD or STAFF_PASSWORD_HASH (or their _FILE) is required: the password staff sign in with',
    ]);
    const message = new ConfigError(problems).message;
    expect(message).not.toContain('very-secret-salt');
    expect(message).not.toContain('MIIB');
  });

  it('takes the staff password as text or as a scrypt hash, and a session secret, refusing weak or malformed ones', async () => {
    expect(loadConfig(validEnv).staff).toEqual({
      user: 'bursar',
      password: { kind: 'plain', password: 'a-long-staff-password' },
    });
    expect(loadConfig(validEnv).sessionSecret).toBeUndefined();
    const hash = await hashPassword('a-long-staff-password');
    const { STAFF_PASSWORD: _password, ...withoutPassword } = validEnv;
    const hashed = loadConfig({ ...withoutPassword, STAFF_PASSWORD_HASH: hash });
    expect(hashed.staff.password.kind).toBe('scrypt');
    expect(await passwordMatches(hashed.staff.password, 'a-long-staff-password')).toBe(true);
    expect(await passwordMatches(hashed.staff.password, 'a-long-staff-passworD')).toBe(false);
    expect(problemsOf({ ...validEnv, STAFF_PASSWORD_HASH: hash })).toEqual([
      'set STAFF_PASSWORD or STAFF_PASSWORD_HASH, not both',
    ]);
    expect(problemsOf({ ...withoutPassword, STAFF_PASSWORD_HASH: 'md5$abc' })).toEqual([
      'STAFF_PASSWORD_HASH must be scrypt$N$r$p$salt$hash (see README: "Staff sign-in")',
    ]);
    // A hash with a cost below 2^14 is refused, not silently accepted.
    const weak = hash.replace('scrypt$32768$', 'scrypt$1024$');
    expect(problemsOf({ ...withoutPassword, STAFF_PASSWORD_HASH: weak })).toHaveLength(1);
    expect(problemsOf({ ...validEnv, STAFF_PASSWORD: 'short' })).toEqual([
      'STAFF_PASSWORD must be at least 12 characters',
    ]);
    expect(problemsOf({ ...validEnv, SESSION_SECRET: 'too-short' })).toEqual([
      'SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)',
    ]);
    const problems = problemsOf({ ...validEnv, STAFF_PASSWORD: 'short' });
    expect(new ConfigError(problems).message).not.toContain('short');
  });

  it('reads keys from files and says which file variable is unreadable', () => {
    expect(problemsOf({ ...validEnv, ET_PUBLIC_KEY: '', ET_PUBLIC_KEY_FILE: '/nonexistent/et.pem' })).toEqual([
      'ET_PUBLIC_KEY_FILE names a file that cannot be read',
    ]);
  });

  it('refuses to start with keys that do not import, naming the variables, before opening the database', async () => {
    const config = loadConfig({ ...validEnv, PGLITE_DATA_DIR: 'memory://', PORT: '0' });
    const failure = await startMerchantSite(config, { log: () => {} }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).problems).toEqual([
      'ET_MERCHANT_PRIVATE_KEY is not a usable RSA private key (PEM PKCS#8 or PKCS#1, or base64 DER; at least 1024 bits)',
      'ET_PUBLIC_KEY is not a usable RSA public key (PEM SPKI, or base64 DER; at least 1024 bits)',
    ]);
  });
});
