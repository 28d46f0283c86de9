import { readFileSync } from 'node:fs';
import type { ClientProfile } from '@etkit/client';
import { FEE_TYPES, feeTypeChoices, isInvalidConstantError, type MerchantFeeType } from '@etkit/constants';
import { resolveProfile } from '@etkit/crypto';
import type { DatabaseConfig } from './db/open.js';
import { defaultSiteDisplay, type SiteDisplay } from './display/site-display.js';
import { parseDisplayTimeZone } from './display/time-zone.js';
import { parsePasswordHash, type StaffPassword } from './login/password.js';

/** Everything the app needs, validated. Secrets live here and nowhere else; `describeConfig` omits them. */
export interface AppConfig {
  host: string;
  port: number;
  /**
   * Where ET and the payer's browser reach this site: notify_url and back_jump_url are built from it.
   * Undefined: the address the server bound (PUBLIC_URL unset).
   */
  publicUrl: string | undefined;
  environment: string;
  merchantNumber: string;
  subMerchantNumber: string;
  merchantPrivateKey: string;
  etPublicKey: string;
  notifySalts: string[];
  /** Protocol profile overrides (ET_PROFILE, or the file ET_PROFILE_FILE), for the client and the notification verifier. */
  profile: ClientProfile;
  database: DatabaseConfig;
  reconcileIntervalMs: number;
  reconcileAfterMs: number;
  /** Time budget of one request attempt to ET. */
  etTimeoutMs: number;
  /** The staff account that may use the pages (STAFF_USER and STAFF_PASSWORD or STAFF_PASSWORD_HASH). */
  staff: { user: string; password: StaffPassword };
  /** Key of the session cookies' signature (SESSION_SECRET); undefined: a random one per process. */
  sessionSecret: string | undefined;
  /** The fee types the form offers (MERCHANT_FEE_TYPES added to the published ones) and the time zone (DISPLAY_TIME_ZONE). */
  display: SiteDisplay;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Reads the configuration from environment variables and reports every problem at once, naming the variable
 * and what is wrong with it — never its value, since several are secrets.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const text = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const required = (name: string, hint: string) => {
    const value = text(name);
    if (value === undefined) problems.push(`${name} is required: ${hint}`);
    return value ?? '';
  };
  /** Inline or from `<name>_FILE`; `hint` undefined: optional (undefined when neither is set). */
  const optionalSecret = (name: string): string | undefined => {
    if (text(name) === undefined && text(`${name}_FILE`) === undefined) return undefined;
    return secret(name, '');
  };
  const secret = (name: string, hint: string) => {
    const inline = text(name);
    const file = text(`${name}_FILE`);
    if (inline !== undefined && file !== undefined) {
      problems.push(`set ${name} or ${name}_FILE, not both`);
      return '';
    }
    if (file !== undefined) {
      try {
        return readFileSync(file, 'utf8').trim();
      } catch {
        problems.push(`${name}_FILE names a file that cannot be read`);
        return '';
      }
    }
    if (inline === undefined) problems.push(`${name} (or ${name}_FILE) is required: ${hint}`);
    // Keys pasted into one-line env files often carry literal "\n".
    return (inline ?? '').replaceAll('\\n', '\n');
  };
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const value = text(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return Number(value);
  };
  const httpUrl = (name: string, value: string) => {
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href.replace(/\/$/, '');
    } catch {}
    problems.push(`${name} must be an http(s) URL`);
    return value;
  };

  /** A base that paths are appended to: no query or fragment to swallow them, no credentials to hand out. */
  const baseUrl = (name: string, value: string) => {
    const href = httpUrl(name, value);
    try {
      const url = new URL(value);
      if (url.search !== '' || url.hash !== '' || value.includes('?') || value.includes('#')) {
        problems.push(`${name} must not have a query or fragment: notification and return URLs are built on it`);
      } else if (url.username !== '' || url.password !== '') {
        problems.push(`${name} must not carry a user name or password: it is sent to EasyTransfer and to browsers`);
      }
    } catch {}
    return href;
  };

  const port = integer('PORT', 3000, 0, 65_535);
  const host = text('HOST') ?? '127.0.0.1';
  const publicUrlText = text('PUBLIC_URL');
  const publicUrl = publicUrlText === undefined ? undefined : baseUrl('PUBLIC_URL', publicUrlText);

  const environmentText = text('ET_ENVIRONMENT') ?? 'test';
  let environment = environmentText;
  if (/^https?:/i.test(environmentText)) environment = httpUrl('ET_ENVIRONMENT', environmentText);
  else if (environmentText !== 'test' && environmentText !== 'production') {
    problems.push('ET_ENVIRONMENT must be "test", "production" or an http(s) URL of an EasyTransfer server');
  }

  const merchantNumber = required('ET_MERCHANT_NUMBER', 'the merchant number ET issued (e.g. ET82009)');
  const subMerchantNumber = required('ET_SUB_MERCHANT_NUMBER', 'the sub-merchant number ET issued (e.g. ET82009S001)');
  const merchantPrivateKey = secret('ET_MERCHANT_PRIVATE_KEY', "the merchant's RSA private key (PEM or base64 DER)");
  const etPublicKey = secret('ET_PUBLIC_KEY', "EasyTransfer's RSA public key (PEM or base64 DER)");
  const salt = secret('ET_NOTIFY_SALT', 'the notification salt ET issued');
  const previousSalt = optionalSecret('ET_NOTIFY_SALT_PREVIOUS');
  const notifySalts = previousSalt === undefined ? [salt] : [salt, previousSalt];

  let profile: ClientProfile = {};
  // ET_PROFILE_FILE: the file `etkit doctor --probe --out` writes, read as it is.
  let profileSource = 'ET_PROFILE';
  let profileText = text('ET_PROFILE');
  const profileFile = text('ET_PROFILE_FILE');
  if (profileFile !== undefined) {
    profileSource = 'ET_PROFILE_FILE';
    if (profileText !== undefined) {
      problems.push('set ET_PROFILE or ET_PROFILE_FILE, not both');
      profileText = undefined;
    } else {
      try {
        profileText = readFileSync(profileFile, 'utf8');
      } catch {
        problems.push('ET_PROFILE_FILE names a file that cannot be read');
      }
    }
  }
  if (profileText !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(profileText);
    } catch {}
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      problems.push(
        `${profileSource} must hold a JSON object of protocol profile options, e.g. {"keyWrap":"rsa-oaep-sha256"}`,
      );
    } else {
      // The client's own options ride along; the rest must be valid @etkit/crypto profile options.
      const { serverTypes: _serverTypes, paymentUrlField: _paymentUrlField, ...protocol } = parsed as ClientProfile;
      try {
        resolveProfile(protocol);
        profile = parsed as ClientProfile;
      } catch (error) {
        problems.push(`${profileSource}: ${error instanceof Error ? error.message : 'invalid'}`);
      }
    }
  }

  const databaseUrl = text('DATABASE_URL');
  let database: DatabaseConfig;
  if (databaseUrl !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      problems.push('DATABASE_URL must be a postgres:// or postgresql:// connection URL');
    }
    database = { kind: 'postgres', url: databaseUrl };
  } else {
    database = { kind: 'pglite', dataDir: text('PGLITE_DATA_DIR') ?? '.etkit-data/merchant-express' };
  }

  const reconcileIntervalMs = integer('RECONCILE_INTERVAL_SECONDS', 300, 0, 86_400) * 1000;
  const reconcileAfterMs = integer('RECONCILE_AFTER_SECONDS', 600, 0, 30 * 86_400) * 1000;
  const etTimeoutMs = integer('ET_TIMEOUT_MS', 30_000, 100, 600_000);

  const staffUser = required('STAFF_USER', 'the user name staff sign in with');
  const staffPasswordText = optionalSecret('STAFF_PASSWORD');
  const staffHashText = optionalSecret('STAFF_PASSWORD_HASH');
  let staffPassword: StaffPassword = { kind: 'plain', password: '' };
  if (staffPasswordText !== undefined && staffHashText !== undefined) {
    problems.push('set STAFF_PASSWORD or STAFF_PASSWORD_HASH, not both');
  } else if (staffHashText !== undefined) {
    const parsed = parsePasswordHash(staffHashText);
    if (parsed === undefined) {
      problems.push('STAFF_PASSWORD_HASH must be scrypt$N$r$p$salt$hash (see README: "Staff sign-in")');
    } else staffPassword = parsed;
  } else if (staffPasswordText !== undefined) {
    if (staffPasswordText.length < 12) problems.push('STAFF_PASSWORD must be at least 12 characters');
    staffPassword = { kind: 'plain', password: staffPasswordText };
  } else {
    problems.push(
      'STAFF_PASSWORD or STAFF_PASSWORD_HASH (or their _FILE) is required: the password staff sign in with',
    );
  }
  const sessionSecret = optionalSecret('SESSION_SECRET');
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)');
  }

  const display = readDisplay(text('DISPLAY_TIME_ZONE'), text('MERCHANT_FEE_TYPES'), problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    host,
    port,
    publicUrl,
    environment,
    merchantNumber,
    subMerchantNumber,
    merchantPrivateKey,
    etPublicKey,
    notifySalts,
    profile,
    database,
    reconcileIntervalMs,
    reconcileAfterMs,
    etTimeoutMs,
    staff: { user: staffUser, password: staffPassword },
    sessionSecret,
    display,
  };
}

/** DISPLAY_TIME_ZONE (default UTC+8, ET's zone) and MERCHANT_FEE_TYPES (JSON: `{"12":"Tuition (学费)"}`). */
function readDisplay(zoneText: string | undefined, feeTypesText: string | undefined, problems: string[]): SiteDisplay {
  let { timeZone, feeTypes } = defaultSiteDisplay;
  if (zoneText !== undefined) {
    const parsed = parseDisplayTimeZone(zoneText);
    if (parsed === undefined) {
      problems.push(
        'DISPLAY_TIME_ZONE must be UTC, a UTC offset such as UTC+8 or UTC-05:30, or an IANA zone such as Europe/London',
      );
    } else timeZone = parsed;
  }
  if (feeTypesText !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(feeTypesText);
    } catch {}
    const entries =
      parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : [];
    const usable =
      entries.length > 0 &&
      entries.every(([code, label]) => /^\d{1,9}$/.test(code) && typeof label === 'string' && label.length <= 100);
    if (!usable) {
      problems.push(
        'MERCHANT_FEE_TYPES must be a JSON object of fee_type codes and labels (at most 100 characters), e.g. {"12":"Tuition (学费)"}',
      );
    } else {
      const own: MerchantFeeType[] = entries.map(([code, label]) => ({ value: Number(code), label: label as string }));
      try {
        feeTypes = feeTypeChoices(own);
      } catch (error) {
        if (!isInvalidConstantError(error)) throw error;
        problems.push(
          error.reason === 'duplicate-value'
            ? `MERCHANT_FEE_TYPES must not redefine a published fee_type (${FEE_TYPES.map((entry) => `${entry.value} ${entry.label}`).join(', ')})`
            : 'MERCHANT_FEE_TYPES: every code needs a non-empty label',
        );
      }
    }
  }
  return { timeZone, feeTypes };
}

/** A one-line summary that is safe to log: no keys, no salt, no database password. */
export function describeConfig(config: AppConfig): string {
  const database =
    config.database.kind === 'postgres'
      ? `postgres ${redactUrlPassword(config.database.url)}`
      : `pglite ${config.database.dataDir}`;
  const reconcile = config.reconcileIntervalMs === 0 ? 'off' : `every ${config.reconcileIntervalMs / 1000}s`;
  return `merchant ${config.merchantNumber}/${config.subMerchantNumber}, ET ${config.environment}, database ${database}, reconciliation ${reconcile}`;
}

function redactUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    // pg also takes passwords from the query string.
    for (const name of ['password', 'sslpassword']) {
      if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
    }
    return parsed.href;
  } catch {
    return '(unparseable URL)';
  }
}
