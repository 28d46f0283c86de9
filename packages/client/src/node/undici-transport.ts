import { Agent, type Dispatcher } from 'undici';
import { declaredWithin, readLimitedText, resolveMaxResponseBytes, responseTooLarge } from '../response-limit.js';
import {
  headersToRecord,
  isConnectionNotEstablished,
  RequestNotSentError,
  rejectsOnAbort,
  type Transport,
  type TransportRequest,
  TransportTimeoutError,
} from '../transport.js';

export interface UndiciTransportOptions {
  /** Time to establish the TCP + TLS connection; default 10 000 ms. A connect timeout is safe to retry. */
  connectTimeoutMs?: number;
  /** Time from sending to the response headers; default 30 000 ms. */
  headersTimeoutMs?: number;
  /** Maximum gap between body chunks; default 30 000 ms. */
  bodyTimeoutMs?: number;
  /** Connections per origin; default 10. */
  connections?: number;
  /** Reuse connections between requests; default true. */
  keepAlive?: boolean;
  /** How long an idle kept-alive connection stays open; default 4 000 ms (below typical server idle timeouts). */
  keepAliveTimeoutMs?: number;
  /** Use this dispatcher instead of creating an Agent (the options above are then ignored). */
  dispatcher?: Dispatcher;
  /** Largest response body read, in bytes; a larger one fails the attempt. Default 256 KiB (DEFAULT_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
}

/** A transport with a `close()` that releases its connection pool. */
export type ClosableTransport = Transport & { close(): Promise<void>; readonly dispatcher: Dispatcher };

function hasAbortCallback(
  request: TransportRequest,
): request is TransportRequest & Required<Pick<TransportRequest, 'onAbort'>> {
  return request.onAbort !== undefined;
}

// Whether the pipeline aborted this attempt, asked without creating an AbortSignal when a callback is offered.
function wasAborted(request: TransportRequest): boolean {
  if (!request.onAbort) return request.signal.aborted;
  let aborted = false;
  request.onAbort(() => {
    aborted = true;
  })();
  return aborted;
}

const headerTimeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * Node transport on an undici Agent: keep-alive pools per origin, separate connect / headers / body timeouts,
 * abort through the pipeline's signal. The default transport of `createClient` on Node.
 */
export function undiciTransport(options: UndiciTransportOptions = {}): ClosableTransport {
  const keepAlive = options.keepAlive ?? true;
  const maxResponseBytes = resolveMaxResponseBytes(options.maxResponseBytes);
  const dispatcher =
    options.dispatcher ??
    new Agent({
      connect: { timeout: options.connectTimeoutMs ?? 10_000 },
      headersTimeout: options.headersTimeoutMs ?? 30_000,
      bodyTimeout: options.bodyTimeoutMs ?? 30_000,
      connections: options.connections ?? 10,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
    });

  // A client sends every request to one URL: parse it once.
  let lastUrl = '';
  let target = { origin: '', path: '' };
  const send = async (request: TransportRequest) => {
    if (request.url !== lastUrl) {
      const url = new URL(request.url);
      target = { origin: url.origin, path: `${url.pathname}${url.search}` };
      lastUrl = request.url;
    }
    let response: Dispatcher.ResponseData;
    try {
      response = await dispatcher.request({
        origin: target.origin,
        path: target.path,
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: hasAbortCallback(request) ? callbackSignal(request) : request.signal,
        reset: !keepAlive,
      });
    } catch (error) {
      throw classify(error, request);
    }
    let body: string;
    try {
      body = await limitedText(response, maxResponseBytes);
    } catch (error) {
      throw classify(error, request);
    }
    return { status: response.statusCode, headers: headerRecord(response.headers), body };
  };

  return Object.assign(send, {
    // undici's own Agent rejects at once on abort, body included; a dispatcher passed in is raced, as any transport.
    [rejectsOnAbort]: options.dispatcher === undefined,
    dispatcher,
    close: async () => {
      await dispatcher.close();
    },
  });
}

// Not async: the common case hands back body.text()'s own promise, without the extra turns of an async wrapper.
function limitedText(response: Dispatcher.ResponseData, limit: number): Promise<string> {
  const declared = response.headers['content-length'];
  const within = declaredWithin(typeof declared === 'string' ? declared : undefined, limit);
  if (within === true) return response.body.text();
  if (within === false) {
    response.body.destroy();
    return Promise.reject(responseTooLarge(limit));
  }
  const chunks = response.body[Symbol.asyncIterator]();
  return readLimitedText(
    async () => {
      const { done, value } = await chunks.next();
      return done ? undefined : (value as Uint8Array);
    },
    () => {
      response.body.destroy();
    },
    limit,
  );
}

// undici's header record already has lower-case names: it is handed over as it is unless a header repeats (an
// array value, joined as Headers would), which spares a copy per request.
function headerRecord(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  for (const name in headers) {
    if (typeof headers[name] !== 'string') return headersToRecord(headers);
  }
  return headers as Record<string, string>;
}

// undici accepts any object with `aborted` and add/removeEventListener as a signal: this one forwards to the
// pipeline's abort callback, without an EventTarget per request. It subscribes once, at once: an attempt that has
// already aborted calls back before undici looks at `aborted`.
function callbackSignal(request: TransportRequest & Required<Pick<TransportRequest, 'onAbort'>>): AbortSignal {
  let listener: (() => void) | undefined;
  const signal = {
    aborted: false,
    addEventListener(_type: 'abort', onAbort: () => void) {
      listener = onAbort;
    },
    removeEventListener() {
      listener = undefined;
      unsubscribe();
    },
  };
  const unsubscribe = request.onAbort(() => {
    signal.aborted = true;
    listener?.();
  });
  return signal as unknown as AbortSignal;
}

function classify(error: unknown, request: TransportRequest): unknown {
  if (wasAborted(request)) return error;
  if (isConnectionNotEstablished(error)) {
    return new RequestNotSentError('connection could not be established', { cause: error });
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && headerTimeoutCodes.has(code)) {
    return new TransportTimeoutError(`undici ${code === 'UND_ERR_HEADERS_TIMEOUT' ? 'headers' : 'body'} timeout`, {
      cause: error,
    });
  }
  return error;
}
