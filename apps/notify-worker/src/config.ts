/**
 * The worker's settings, from Worker bindings / environment variables (all strings):
 *   ET_NOTIFY_SALT           required: the notification salt ET issued
 *   ET_NOTIFY_SALT_PREVIOUS  optional: the salt being rotated out, still accepted
 *   SINK_URL                 optional: an http(s) URL each verified notification is POSTed to (JSON);
 *                            unset: notifications are written to the log, redacted
 *   SINK_TOKEN               optional: sent as `Authorization: Bearer …` to SINK_URL (https, or http to localhost)
 *   SINK_TIMEOUT_MS          optional: time budget of one sink request, default 10000
 *   ET_PROFILE_FILE          optional: a protocol profile file (what `etkit doctor --probe --out` writes), read as
 *                            it is; notifications use its notificationRule / notificationNullMembers. Node, Bun and
 *                            Deno (--allow-read) only: Workers have no file system
 *   INBOX_D1                 optional, Workers only: a D1 database binding, the durable inbox (src/d1-inbox.ts);
 *                            unset: resends are deduplicated in this isolate's memory only (a warning says so)
 */
import { createNotificationVerifier, type VerifierOptions } from '@etkit/notify';
import type { D1DatabaseLike } from './d1-inbox.ts';

export type WorkerEnv = Readonly<Record<string, unknown>>;

export interface WorkerConfig {
  salts: string[];
  /** From ET_PROFILE_FILE; `{}` (the defaults) when unset. */
  profile: NonNullable<VerifierOptions['profile']>;
  sink: { kind: 'http'; url: string; token: string | undefined; timeoutMs: number } | { kind: 'log' };
  inbox: { kind: 'd1'; database: D1DatabaseLike } | { kind: 'memory' };
}

/** A D1 binding is an object with `prepare`; a text variable of that name is a mistake worth naming. */
function isD1Binding(value: unknown): value is D1DatabaseLike {
  return typeof value === 'object' && value !== null && typeof (value as D1DatabaseLike).prepare === 'function';
}

export class WorkerConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`notify-worker configuration: ${problems.join('; ')}`);
    this.name = 'WorkerConfigError';
  }
}

/** Where the Node and Bun entries listen: PORT (default 8787) and HOST (default 127.0.0.1); empty means unset. */
export function readListenAddress(env: WorkerEnv): { port: number; host: string } {
  const text = (name: string) => {
    const value = env[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const portText = text('PORT') ?? '8787';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65_535) {
    throw new WorkerConfigError(['PORT must be a whole number from 0 to 65535']);
  }
  return { port: Number(portText), host: text('HOST') ?? '127.0.0.1' };
}

/** This machine: 127.0.0.0/8, ::1 or localhost (hostnames as the URL parser writes them). */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/** Validates the bindings; names the variable and the problem, never a value (the salt is a secret). */
export function readWorkerConfig(env: WorkerEnv): WorkerConfig {
  const problems: string[] = [];
  const text = (name: string) => {
    const value = env[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const salt = text('ET_NOTIFY_SALT');
  if (salt === undefined) problems.push('ET_NOTIFY_SALT is required (the notification salt ET issued)');
  const previous = text('ET_NOTIFY_SALT_PREVIOUS');

  let sink: WorkerConfig['sink'] = { kind: 'log' };
  const url = text('SINK_URL');
  if (url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {}
    if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
      problems.push('SINK_URL must be an http(s) URL');
    } else if (parsed.protocol === 'http:' && text('SINK_TOKEN') !== undefined && !isLoopback(parsed.hostname)) {
      // The bearer token (and the payment data) would cross the network in clear text.
      problems.push('SINK_TOKEN needs an https SINK_URL (plain http only to localhost)');
    }
    const timeoutText = text('SINK_TIMEOUT_MS') ?? '10000';
    if (!/^\d{1,6}$/.test(timeoutText) || Number(timeoutText) === 0) {
      problems.push('SINK_TIMEOUT_MS must be a whole number of milliseconds (1-999999)');
    }
    sink = { kind: 'http', url, token: text('SINK_TOKEN'), timeoutMs: Number(timeoutText) };
  }
  const profile = readProfileFile(text('ET_PROFILE_FILE'), problems);
  let inbox: WorkerConfig['inbox'] = { kind: 'memory' };
  const d1 = env['INBOX_D1'];
  if (isD1Binding(d1)) inbox = { kind: 'd1', database: d1 };
  else if (d1 !== undefined)
    problems.push('INBOX_D1 must be a D1 database binding ([[d1_databases]] in wrangler.toml)');
  if (problems.length > 0) throw new WorkerConfigError(problems);
  return { salts: previous === undefined ? [salt!] : [salt!, previous], sink, profile, inbox };
}

/** A file's text on runtimes with a file system (Node ≥ 20.16 and Bun through getBuiltinModule, Deno); else undefined. */
function readTextFile(path: string): string | undefined {
  const global = globalThis as {
    process?: { getBuiltinModule?: (id: string) => unknown };
    Deno?: { readTextFileSync?: (path: string) => string };
  };
  const fs = global.process?.getBuiltinModule?.('node:fs') as
    | { readFileSync(path: string, encoding: 'utf8'): string }
    | undefined;
  if (fs) return fs.readFileSync(path, 'utf8');
  if (global.Deno?.readTextFileSync) return global.Deno.readTextFileSync(path);
  return undefined;
}

function readProfileFile(path: string | undefined, problems: string[]): WorkerConfig['profile'] {
  if (path === undefined) return {};
  let text: string | undefined;
  try {
    text = readTextFile(path);
  } catch {
    problems.push('ET_PROFILE_FILE names a file that cannot be read');
    return {};
  }
  if (text === undefined) {
    problems.push('ET_PROFILE_FILE needs a file system, which this runtime does not have');
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {}
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    problems.push('ET_PROFILE_FILE must hold a JSON object of protocol profile options');
    return {};
  }
  const {
    serverTypes: _serverTypes,
    paymentUrlField: _paymentUrlField,
    ...profile
  } = parsed as Record<string, unknown>;
  try {
    // The receiver's own check of the options (a placeholder salt; nothing is verified here).
    createNotificationVerifier({ salt: 'configuration-check', profile: profile as WorkerConfig['profile'] });
  } catch (error) {
    problems.push(`ET_PROFILE_FILE: ${error instanceof Error ? error.message : 'invalid'}`);
    return {};
  }
  return profile as WorkerConfig['profile'];
}
