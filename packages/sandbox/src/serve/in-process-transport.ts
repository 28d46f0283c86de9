import type { Serve } from './serve.js';

/** The request/response shape of @etkit/client's Transport seam. */
export interface SandboxTransportRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal;
}

export interface SandboxTransportResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type SandboxTransport = (request: SandboxTransportRequest) => Promise<SandboxTransportResponse>;

/** The error the in-process transport throws for a dropped-connection fault, shaped like Node's. */
export class SandboxConnectionError extends Error {
  readonly code = 'ECONNRESET';

  constructor() {
    super('sandbox fault: connection dropped without an answer');
    this.name = 'SandboxConnectionError';
  }
}

/**
 * A Transport for @etkit/client with no sockets: `POST …/server` goes to `serve`, anything else is a 404.
 * `closing` ends a call held by a delay fault when the sandbox closes, so it does not outlive the sandbox.
 */
export function createInProcessTransport(serve: Serve, closing: AbortSignal): SandboxTransport {
  return async (request) => {
    const path = new URL(request.url, 'http://sandbox.invalid').pathname;
    if (request.method.toUpperCase() !== 'POST' || !path.endsWith('/server')) {
      return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'not found' };
    }
    const signal = request.signal ? AbortSignal.any([request.signal, closing]) : closing;
    const response = await serve({ body: request.body, faults: 'connection', signal });
    if (response.kind === 'dropped') throw new SandboxConnectionError();
    // The caller gave up while the answer was being made: it gets its abort, not a late answer.
    if (response.status === 200) request.signal?.throwIfAborted();
    return { status: response.status, headers: { 'content-type': response.contentType }, body: response.body };
  };
}
