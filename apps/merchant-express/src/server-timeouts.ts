import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * How long the site waits for a client before dropping the connection. Notifications and pages are small
 * requests from clients that send them at once; a sender that trickles bytes only holds a socket.
 */
export interface ServerTimeouts {
  /** From connection (or the previous response) to the end of the request headers. */
  headersTimeoutMs: number;
  /**
   * From connection to the end of the whole request, body included. A notification that takes longer than
   * ET waits for the answer is resent anyway (ET's delivery timeout is not documented; the sandbox waits 10 s).
   */
  requestTimeoutMs: number;
  /** An idle keep-alive connection between requests. */
  keepAliveTimeoutMs: number;
  /** No byte in either direction for this long: the socket is closed. Not for `GET /events`, a long-lived stream. */
  idleSocketTimeoutMs: number;
  /** How often Node looks for requests past their headers or request timeout (its default is 30 s). */
  checkingIntervalMs: number;
}

export const serverTimeoutDefaults: ServerTimeouts = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  idleSocketTimeoutMs: 30_000,
  checkingIntervalMs: 1_000,
};

/** The path of the live event stream, which stays open as long as the page does. */
const LIVE_EVENTS_PATH = '/events';

/**
 * Serves `app` on `server` with the idle timeout on every socket except live event streams. The headers,
 * request and keep-alive timeouts are `createServer` options (see server.ts); a request timeout only runs
 * until the request has been received, so a `GET /events` stream is not cut by it.
 */
export function applyServerTimeouts(
  server: Server,
  timeouts: ServerTimeouts,
  app: (req: IncomingMessage, res: ServerResponse) => void,
) {
  if (timeouts.headersTimeoutMs > timeouts.requestTimeoutMs) {
    throw new RangeError('headersTimeoutMs must not exceed requestTimeoutMs');
  }
  // Without a 'timeout' listener Node destroys a socket idle for this long.
  server.setTimeout(timeouts.idleSocketTimeoutMs);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // As Express matches it: query string aside, a trailing slash allowed.
    const path = (req.url ?? '').split('?')[0]!.replace(/(.)\/$/, '$1');
    if (req.method === 'GET' && path === LIVE_EVENTS_PATH) {
      req.socket.setTimeout(0);
      // The stream ended: the connection, if kept alive, is an ordinary one again.
      res.once('close', () => {
        if (!req.socket.destroyed) req.socket.setTimeout(timeouts.idleSocketTimeoutMs);
      });
    }
    app(req, res);
  });
}
