/**
 * A Web-standard notification endpoint: `export default { fetch }`. It verifies EasyTransfer's notifications with
 * @etkit/notify/fetch and forwards each one to a sink (an HTTP URL, or the log). The same module runs on
 * Cloudflare Workers, Deno (`deno serve`), Bun and Node (see the entry files beside it).
 *
 *   POST /  or  POST /notifications   ET's notifications
 *   GET  /health                      {"ok":true,"runtime":"node"|"deno"|"bun"|"workerd"}
 */
import { createMemoryInbox, type DeliveryFailure, type Inbox } from '@etkit/notify';
import { createNotificationHandler } from '@etkit/notify/fetch';
import { readWorkerConfig, WorkerConfigError, type WorkerEnv } from './config.ts';
import { createD1Inbox } from './d1-inbox.ts';
import { MEMORY_INBOX_WARNING } from './inbox-warning.ts';
import { httpSink, logSink, type Sink, type UnreadableNotification } from './sinks.ts';

export interface WorkerOptions {
  /** Overrides the sink chosen from the bindings (tests, custom destinations). */
  sink?: Sink;
  /**
   * Deduplicates resends. Default: a D1 inbox when the INBOX_D1 binding is set, else one in this isolate's memory
   * (with the warning of src/inbox-warning.ts logged). Pass a durable one of your own on Node, Deno or Bun.
   */
  inbox?: Inbox;
  /** Safe log lines (codes, kinds, keys). Default console.log. */
  log?: (line: string) => void;
}

export type FetchHandler = (request: Request) => Promise<Response>;

/** Which runtime runs us, for the health answer (Cloudflare Workers identify themselves in navigator.userAgent). */
export function runtimeName(): string {
  const global = globalThis as { Deno?: unknown; Bun?: unknown; process?: { versions?: { node?: string } } };
  if (global.Deno !== undefined) return 'deno';
  if (global.Bun !== undefined) return 'bun';
  if (typeof navigator !== 'undefined' && navigator.userAgent === 'Cloudflare-Workers') return 'workerd';
  if (global.process?.versions?.node !== undefined) return 'node';
  return 'unknown';
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });

function defaultInbox(choice: ReturnType<typeof readWorkerConfig>['inbox'], log: (line: string) => void): Inbox {
  if (choice.kind === 'd1') return createD1Inbox(choice.database);
  log(MEMORY_INBOX_WARNING);
  return createMemoryInbox();
}

/** Builds the worker's request handler from its bindings. Throws WorkerConfigError for bad bindings. */
export function createWorker(env: WorkerEnv, options: WorkerOptions = {}): FetchHandler {
  const config = readWorkerConfig(env);
  const log = options.log ?? ((line: string) => console.log(line));
  const sink = options.sink ?? (config.sink.kind === 'http' ? httpSink(config.sink) : logSink((line) => log(line)));
  const inbox = options.inbox ?? defaultInbox(config.inbox, log);
  const handleNotification = createNotificationHandler({
    salts: config.salts,
    profile: config.profile,
    inbox,
    onNotification: (notification) => sink.notification(notification),
    onError: async (failure) => {
      const cause = failure.error instanceof Error && 'code' in failure.error ? ` (${String(failure.error.code)})` : '';
      log(`notification refused: ${failure.code}${cause} ${failure.message}`);
      const kept = keptOf(failure);
      if (kept === undefined) return;
      // ET signed it: hand it on, or it is gone after ET's last resend. The refusal waits for this.
      try {
        await sink.unreadable(kept);
      } catch {
        log(`notification ${kept.idempotencyKey}: verified but refused, and the sink did not take it; ET will resend`);
      }
    },
  });
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/health' && request.method === 'GET') return json(200, { ok: true, runtime: runtimeName() });
    if (pathname === '/' || pathname === '/notifications') return handleNotification(request);
    return json(404, { error: 'NOT_FOUND' });
  };
}

/** A refused notification ET signed: its fields if they are ET's (MALFORMED), else its raw body (AMBIGUOUS). */
function keptOf(failure: DeliveryFailure): UnreadableNotification | undefined {
  const { code, verifiedFields: fields, kind, idempotencyKey, rawBody, contentType } = failure;
  if (idempotencyKey === undefined) return undefined;
  const reason = failure.message;
  if (code === 'AMBIGUOUS') return { kind: 'ambiguous', idempotencyKey, reason, rawBody, contentType };
  if (fields === undefined || kind === undefined) return undefined;
  return { kind, idempotencyKey, reason, fields, rawBody, contentType };
}

// One handler per bindings object: Workers pass the same `env` to every request of an isolate.
const handlers = new WeakMap<object, FetchHandler>();

/** The handler for these bindings, built on first use. Throws WorkerConfigError for bad bindings. */
export function handlerFor(env: WorkerEnv): FetchHandler {
  let handler = handlers.get(env);
  if (handler === undefined) {
    handler = createWorker(env);
    handlers.set(env, handler);
  }
  return handler;
}

/**
 * For the Node, Deno and Bun entries: builds the handler when the server starts, so what it has to say (a bad
 * binding, no durable inbox) is said then rather than at the first notification.
 */
export function prepareAtStart(env: WorkerEnv): void {
  try {
    handlerFor(env);
  } catch (error) {
    if (!(error instanceof WorkerConfigError)) throw error;
    // Requests will answer 500 CONFIG_INVALID, naming it again, until the bindings are fixed.
    console.error(error.message);
  }
}

export default {
  async fetch(request: Request, env: WorkerEnv = {}): Promise<Response> {
    let handler: FetchHandler;
    try {
      handler = handlerFor(env);
    } catch (error) {
      if (!(error instanceof WorkerConfigError)) throw error;
      console.error(error.message);
      // Not OK: ET keeps resending while the worker is being fixed.
      return json(500, { notify_result: 'FAIL', code: error.code, message: error.message });
    }
    return handler(request);
  },
};
