import { declaredWithin, readLimitedText, resolveMaxResponseBytes, responseTooLarge } from './response-limit.js';
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
  /** Largest response body read, in bytes; a larger one fails the attempt. Default 256 KiB (DEFAULT_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
}

/**
 * A transport on the Fetch API: runs on Node ≥ 20, Deno, Bun, Cloudflare Workers and browsers. Connection-level
 * failures are reported as {@link RequestNotSentError} where the runtime says so (Node's fetch exposes the system
 * error code as `cause`); elsewhere a network failure counts as "may have reached ET".
 */
export function fetchTransport(options: FetchTransportOptions = {}): Transport {
  const maxResponseBytes = resolveMaxResponseBytes(options.maxResponseBytes);
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
    const body = await limitedText(response, maxResponseBytes);
    return { status: response.status, headers: headersToRecord(response.headers), body };
  };
}

async function limitedText(response: Response, limit: number): Promise<string> {
  const within = declaredWithin(response.headers.get('content-length'), limit);
  if (within === true || response.body === null) return response.text();
  if (within === false) {
    await response.body.cancel().catch(() => {});
    throw responseTooLarge(limit);
  }
  const reader = response.body.getReader();
  return readLimitedText(
    async () => (await reader.read()).value,
    () => {
      reader.cancel().catch(() => {});
    },
    limit,
  );
}
