import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxStateError } from '../errors.js';
import type { Serve } from '../serve/serve.js';
import { serveApi } from './api-route.js';
import { type ControlApiDependencies, serveControl } from './control-api.js';
import { decodePathSegment, HttpError, send, sendJson } from './http-io.js';
import { voucherPdf } from './pay-page.js';
import { servePayment } from './pay-route.js';

export interface HttpServerOptions extends ControlApiDependencies {
  port: number;
  host: string;
  /** The Open API: the sandbox's one way in (serve/serve.ts). */
  serve: Serve;
}

export interface HttpServerHandle {
  url: string;
  close(): Promise<void>;
}

/** The sandbox's HTTP face: the Open API, the payment page, vouchers and the test-control API. */
export function startHttpServer(options: HttpServerOptions): Promise<HttpServerHandle> {
  const { lifecycle, control } = options;
  // Aborted by close(): a request held by a delay fault must not keep the process alive after the server closed.
  const closing = new AbortController();

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://sandbox.invalid').pathname;
    const method = request.method ?? 'GET';
    if (path === '/server') {
      if (method !== 'POST') throw new HttpError(405, 'POST only');
      return serveApi(options.serve, closing.signal, request, response);
    }
    const payMatch = /^\/pay\/([^/]+)$/.exec(path);
    if (payMatch && (method === 'GET' || method === 'POST')) {
      return servePayment(lifecycle, control, request, response, decodePathSegment(payMatch[1]!));
    }
    const voucherMatch = /^\/vouchers\/([^/]+)\.pdf$/.exec(path);
    if (voucherMatch && method === 'GET') {
      const orderId = decodePathSegment(voucherMatch[1]!);
      if (!lifecycle.get(orderId)) throw new HttpError(404, 'not found');
      return send(response, 200, 'application/pdf', voucherPdf(orderId));
    }
    if (path.startsWith('/sandbox/')) return serveControl(options, request, response, path);
    throw new HttpError(404, 'not found');
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (response.headersSent || request.socket.destroyed) return;
      if (error instanceof HttpError) return sendJson(response, error.status, { error: { message: error.message } });
      if (error instanceof SandboxStateError) {
        const status = error.code === 'ORDER_NOT_FOUND' ? 404 : error.code === 'INVALID_ARGUMENT' ? 400 : 409;
        return sendJson(response, status, { error: { code: error.code, message: error.message } });
      }
      if (error instanceof RangeError) return sendJson(response, 400, { error: { message: error.message } });
      sendJson(response, 500, { error: { message: 'sandbox internal error' } });
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${host}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            closing.abort();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
