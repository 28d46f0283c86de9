import {
  importPrivateKey,
  importPublicKey,
  type PrivateKeyInput,
  type ProtocolProfile,
  type PublicKeyInput,
  type RsaPrivateKey,
  type RsaPublicKey,
  resolveProfile,
} from '@etkit/crypto';
import type { ProfileOperationName } from '@etkit/openapi';
import { EtkitClientError } from './errors.js';
import type { ClientHooks } from './hooks.js';
import { defaultRedactedFields } from './redact.js';
import { type RetryOptions, type RetryPolicy, resolveRetryPolicy } from './retry.js';
import type { Transport } from './transport.js';

/** ET's endpoints (PROTOCOL.md §1). */
export const environments = Object.freeze({
  test: 'https://testapi.easytransfer.cn/server',
  production: 'https://api.easytransfer.cn/server',
});

/** The protocol profile (@etkit/crypto's [choice] options) plus the client's own account-specific options. */
export interface ClientProfile extends Partial<ProtocolProfile> {
  /**
   * server_types the public documentation does not show (ENDPOINTS.md: UNKNOWN). Ask ET for the values your
   * account uses; `estimateAmount` / `applyRefund` fail with CONFIG before sending while they are missing.
   */
  serverTypes?: Partial<Record<ProfileOperationName, string>>;
  /** Field of the get-payment-URL response that holds the URL; default: try `pay_url` and other likely names. */
  paymentUrlField?: string;
}

export interface ClientOptions {
  /** `'test'`, `'production'`, or the full URL of an endpoint (e.g. a local sandbox). */
  environment: 'test' | 'production' | URL | (string & {});
  merchantNumber: string;
  subMerchantNumber: string;
  /** PEM, bare base64 DER, DER bytes, or keys already imported with @etkit/crypto. Imported once, on first use. */
  keys: { merchantPrivateKey: PrivateKeyInput; etPublicKey: PublicKeyInput };
  profile?: ClientProfile;
  /** How requests travel; default undici on Node (the `node` export condition), fetch elsewhere. */
  transport?: Transport;
  /** Time budget of each attempt (sending, waiting, reading the body); default 30 000 ms. */
  timeoutMs?: number;
  /** Retry settings, or `false` for no retries at all. */
  retry?: RetryOptions | false;
  hooks?: ClientHooks;
  /**
   * Your own serial numbers (PROTOCOL.md §4 [choice]); default `createSerialNumber` of @etkit/crypto
   * (`yyyyMMddHHmmss` at UTC+8, six random digits, the merchant number). Called once per attempt: a retry is a
   * new request and needs a new, unique number. Must return a non-empty string without `&`.
   */
  serialNumber?: (merchantNumber: string) => string;
}

/** The client's keys, imported once (on first use) from what the options gave. */
export interface ClientKeys {
  merchantPrivateKey: RsaPrivateKey;
  etPublicKey: RsaPublicKey;
}

export interface ResolvedConfig {
  url: string;
  merchantNumber: string;
  subMerchantNumber: string;
  cryptoProfile: Partial<ProtocolProfile> | undefined;
  tuitionFieldName: ProtocolProfile['tuitionFieldName'];
  serverTypes: Partial<Record<ProfileOperationName, string>>;
  paymentUrlField: string | undefined;
  keys: () => ClientKeys | Promise<ClientKeys>;
  transport: Transport;
  timeoutMs: number;
  retry: RetryPolicy;
  hooks: ClientHooks | undefined;
  redactFields: ReadonlySet<string>;
  serialNumber: ((merchantNumber: string) => string) | undefined;
}

/** The largest delay setTimeout honours; above it (or for NaN / ≤ 0) timers fire after 1 ms instead. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

export const TIMEOUT_MS_RULE = `timeoutMs must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS}`;

/** Whether `value` is an attempt budget the platform timer will honour as given. */
export function isUsableTimeoutMs(value: unknown): value is number {
  return typeof value === 'number' && value > 0 && value <= MAX_TIMEOUT_MS;
}

function isUsableDelayMs(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= MAX_TIMEOUT_MS;
}

function configError(message: string, cause?: unknown): EtkitClientError {
  return new EtkitClientError('CONFIG', message, cause === undefined ? {} : { cause });
}

function resolveUrl(environment: ClientOptions['environment']): string {
  if (environment === 'test') return environments.test;
  if (environment === 'production') return environments.production;
  const text = environment instanceof URL ? environment.href : environment;
  if (typeof text === 'string') {
    try {
      const url = new URL(text);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
    } catch {
      // reported below
    }
  }
  throw configError("environment must be 'test', 'production' or an http(s) URL");
}

function requireText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw configError(`${name} must be a non-empty string`);
  return value;
}

// Imports both keys on first use and keeps them; a failed import is not cached, so a corrected key works.
function lazyKeys(keys: ClientOptions['keys']): ResolvedConfig['keys'] {
  let imported: ClientKeys | undefined;
  let pending: Promise<ClientKeys> | undefined;
  return () => {
    if (imported) return imported;
    pending ??= Promise.all([importPrivateKey(keys.merchantPrivateKey), importPublicKey(keys.etPublicKey)]).then(
      ([merchantPrivateKey, etPublicKey]) => {
        imported = { merchantPrivateKey, etPublicKey };
        return imported;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}

export function resolveConfig(options: ClientOptions, defaultTransport: () => Transport): ResolvedConfig {
  if (!options || typeof options !== 'object') throw configError('createClient needs an options object');
  const url = resolveUrl(options.environment);
  const merchantNumber = requireText(options.merchantNumber, 'merchantNumber');
  const subMerchantNumber = requireText(options.subMerchantNumber, 'subMerchantNumber');
  if (!options.keys?.merchantPrivateKey || !options.keys?.etPublicKey) {
    throw configError('keys.merchantPrivateKey and keys.etPublicKey are required');
  }
  const { serverTypes = {}, paymentUrlField, ...cryptoProfile } = options.profile ?? {};
  let resolved: ProtocolProfile;
  try {
    resolved = resolveProfile(cryptoProfile);
  } catch (error) {
    throw configError(`invalid profile: ${(error as Error).message}`, error);
  }
  for (const [name, value] of Object.entries(serverTypes)) {
    if (value !== undefined) requireText(value, `profile.serverTypes.${name}`);
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!isUsableTimeoutMs(timeoutMs)) throw configError(TIMEOUT_MS_RULE);
  if (options.serialNumber !== undefined && typeof options.serialNumber !== 'function') {
    throw configError('serialNumber must be a function returning a serial number');
  }
  const retry = resolveRetryPolicy(options.retry);
  if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1) {
    throw configError('retry.maxAttempts must be an integer ≥ 1');
  }
  // A NaN or negative delay would make every timer fire at once: retries in a burst instead of a backoff.
  for (const name of ['baseDelayMs', 'maxDelayMs'] as const) {
    if (!isUsableDelayMs(retry[name])) {
      throw configError(`retry.${name} must be a number of milliseconds from 0 to ${MAX_TIMEOUT_MS}`);
    }
  }
  return {
    url,
    merchantNumber,
    subMerchantNumber,
    // Only the caller's overrides travel to @etkit/crypto (validated above), so a default profile costs nothing.
    cryptoProfile: Object.values(cryptoProfile).some((value) => value !== undefined) ? resolved : undefined,
    tuitionFieldName: resolved.tuitionFieldName,
    serverTypes,
    paymentUrlField,
    keys: lazyKeys(options.keys),
    transport: options.transport ?? defaultTransport(),
    timeoutMs,
    retry,
    hooks: options.hooks,
    redactFields: new Set([...defaultRedactedFields, ...(options.hooks?.redactFields ?? [])]),
    serialNumber: options.serialNumber,
  };
}
