import { ConfigError, loadConfig } from '../../src/config.js';

/** The least environment `loadConfig` accepts (keys are never used by these tests: only their presence counts). */
export const validEnv = {
  ET_MERCHANT_NUMBER: 'ET82009',
  ET_SUB_MERCHANT_NUMBER: 'ET82009S001',
  ET_MERCHANT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----',
  ET_PUBLIC_KEY: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA',
  ET_NOTIFY_SALT: 'very-secret-salt',
  STAFF_USER: 'bursar',
  STAFF_PASSWORD: 'a-long-staff-password',
};

/** The problems `loadConfig` lists for `env`; none when it loads. */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

/** The problems `loadConfig` lists for `env`, which must not load. */
export function rejectedConfigProblems(env: Record<string, string>): string[] {
  const problems = configProblems(env);
  if (problems.length === 0) throw new Error('expected a ConfigError');
  return problems;
}
