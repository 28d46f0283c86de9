import {
  headersToRecord,
  isConnectionNotEstablished,
  RequestNotSentError,
  type Transport,
  type TransportRequest,
} from './transport.js';

export interface FetchTransportOptions {
  /** The fetch to use; default `globalThis.fetch` (looked up per request, so polyfills installed later work). */
  fetch?: typeof fetch;
}

/**
 * A transport on the Fetch API: runs on Node ≥ 20, Deno, Bun, Cloudflare Workers and browsers. Connection-level
 * failures are reported as {@link RequestNotSentError} where the runtime says so (Node's fetch exposes the system
 * error code as `cause`); elsewhere a network failure counts as "may have reached ET".
 */
export function fetchTransport(options: FetchTransportOptions = {}): Transport {
  return async (request: TransportRequest) => {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: request.signal,
        redirect: 'error',
      });
    } catch (error) {
      if (!request.signal.aborted && isConnectionNotEstablished(error)) {
        throw new RequestNotSentError('connection could not be established', { cause: error });
      }
      throw error;
    }
    const body = await response.text();
    return { status: response.status, headers: headersToRecord(response.headers), body };
  };
}
