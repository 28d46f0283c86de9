/** What the pipeline hands a transport: one HTTP POST of a sealed envelope. */
export interface TransportRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  /** Fires on the attempt's timeout or the caller's abort; the transport must stop and reject. */
  signal: AbortSignal;
  /**
   * The same abort as a callback, for transports that can use one instead of an AbortSignal (cheaper than an
   * EventTarget per request). Returns an unsubscribe function. Optional: a transport may always use `signal`.
   */
  onAbort?: (listener: () => void) => () => void;
}

/** What a transport resolves with: any HTTP status (the pipeline judges it) and the body as text. */
export interface TransportResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends one request. Rejects when no HTTP response was received. To let the pipeline retry a write safely, reject
 * with {@link RequestNotSentError} when the request certainly did not leave (connection refused, DNS failure,
 * connect timeout); any other rejection counts as "may have reached ET".
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * Set to `true` on a transport known to reject as soon as the attempt aborts (the undici transport on its own
 * Agent). The pipeline awaits such a transport directly; any other is raced against the abort, in case it ignores
 * it (attempt.ts, untilAborted). Internal: not exported from the package.
 */
export const rejectsOnAbort: unique symbol = Symbol('etkit.transport.rejectsOnAbort');

/** Whether `transport` is one of etkit's own, marked with {@link rejectsOnAbort}. */
export function isAbortAware(transport: Transport): boolean {
  return (transport as Transport & { [rejectsOnAbort]?: boolean })[rejectsOnAbort] === true;
}

/** The request certainly did not reach the server (no connection was established). Safe to retry any operation. */
export class RequestNotSentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RequestNotSentError';
  }
}

// Error codes (Node's system errors and undici's) that mean no connection was ever made.
const notConnectedCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Whether an error (or one of its causes) says the connection was never established. */
export function isConnectionNotEstablished(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && notConnectedCodes.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Flattens a Headers object or an undici header record into lower-case name → value. */
export function headersToRecord(
  headers: Headers | Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof (headers as Headers).forEach === 'function' && typeof (headers as Headers).get === 'function') {
    (headers as Headers).forEach((value, name) => {
      out[name.toLowerCase()] = value;
    });
    return out;
  }
  for (const [name, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The transport's own timer fired after the request was sent (e.g. no response headers in time). */
export class TransportTimeoutError extends Error {
  readonly timeoutMs: number | undefined;
  constructor(message: string, options?: { cause?: unknown; timeoutMs?: number }) {
    super(message, options);
    this.name = 'TransportTimeoutError';
    this.timeoutMs = options?.timeoutMs;
  }
}
