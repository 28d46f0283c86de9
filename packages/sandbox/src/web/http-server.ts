import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxStateError } from '../errors';
import { type SandboxFault, validateFault } from '../faults';
import { sleep } from '../serve/in-process-transport';
import type { Scheduler } from '../world/clock';
import type { OrderLifecycle } from '../world/lifecycle';
import type { DeliveryRecord, OrderRecord } from '../world/state';
import { renderMessagePage, renderPayPage, renderResultPage, voucherPdf } from './pay-page';

/** Request bodies above this are refused (a 10 MB attachment is ~13.4 MB of base64). */
const maxBodyBytes = 16 * 1024 * 1024;

export interface HttpServerOptions {
  port: number;
  host: string;
  handle: (body: string, fault: SandboxFault) => Promise<string>;
  takeApiFault: (body: string) => SandboxFault;
  lifecycle: OrderLifecycle;
  control: {
    payOrder(orderId: string): OrderRecord;
    failOrder(orderId: string): OrderRecord;
    advanceOrder(orderId: string): OrderRecord;
    refundOrder(orderId: string, options?: { amount?: string; refundOrderId?: string }): OrderRecord;
    completeRefund(orderId: string, options?: { success?: boolean }): OrderRecord;
  };
  clock: Scheduler;
  injectFault: (fault: SandboxFault, target: { merchantNumber?: string; count?: number }) => void;
  notifications: () => DeliveryRecord[];
}

export interface HttpServerHandle {
  url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A path segment, percent-decoded; a broken escape is the client's mistake (400), not a server error. */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'the path has a malformed percent-escape');
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new HttpError(413, 'request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer, extra = {}): void {
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...extra,
  });
  response.end(body);
}

const sendJson = (response: ServerResponse, status: number, value: unknown) =>
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
const sendHtml = (response: ServerResponse, status: number, html: string) =>
  send(response, status, 'text/html; charset=utf-8', html, {
    // No form-action: the Pay form's answer redirects to the merchant's back_jump_url on another origin.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
  });

function parseJsonBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, 'body must be a JSON object');
}

/** Per-request fault for raw HTTP callers: `x-etkit-sandbox-fault: {"httpStatus":503}`. */
export const faultHeader = 'x-etkit-sandbox-fault';

function faultFromHeader(value: string | string[] | undefined): SandboxFault {
  if (value === undefined) return {};
  let fault: unknown;
  try {
    fault = JSON.parse(Array.isArray(value) ? value.join(',') : value);
  } catch {
    throw new HttpError(400, `${faultHeader} must be a JSON object`);
  }
  if (typeof fault !== 'object' || fault === null || Array.isArray(fault)) {
    throw new HttpError(400, `${faultHeader} must be a JSON object`);
  }
  try {
    validateFault(fault as SandboxFault);
  } catch (error) {
    throw new HttpError(400, (error as Error).message);
  }
  return fault as SandboxFault;
}

/** The sandbox's HTTP face: the Open API, the payment page, vouchers and the test-control API. */
export function startHttpServer(options: HttpServerOptions): Promise<HttpServerHandle> {
  const { lifecycle, control } = options;
  // Aborted by close(): a request held by a delay fault must not keep the process alive after the server closed.
  const closing = new AbortController();

  async function serveApi(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const fault = { ...options.takeApiFault(body), ...faultFromHeader(request.headers[faultHeader]) };
    if (fault.delayMs) await sleep(fault.delayMs, closing.signal);
    if (fault.dropConnection) {
      request.socket.destroy();
      return;
    }
    if (fault.httpStatus) return send(response, fault.httpStatus, 'text/plain; charset=utf-8', 'sandbox fault');
    send(response, 200, 'application/json; charset=utf-8', await options.handle(body, fault));
  }

  async function servePayment(request: IncomingMessage, response: ServerResponse, orderId: string): Promise<void> {
    lifecycle.sweep();
    const order = lifecycle.get(orderId);
    if (!order) return sendHtml(response, 404, renderMessagePage('Order not found', 'There is no such order.'));
    if (request.method === 'GET') return sendHtml(response, 200, renderPayPage(order));
    const form = new URLSearchParams(await readBody(request));
    const action = form.get('action');
    if (action !== 'pay' && action !== 'fail') throw new HttpError(400, 'action must be pay or fail');
    if (order.status !== 0) {
      return sendHtml(response, 409, renderMessagePage('Not payable', 'This order is not waiting for payment.'));
    }
    const updated = action === 'pay' ? control.payOrder(orderId) : control.failOrder(orderId);
    if (updated.backJumpUrl) {
      response.writeHead(303, { location: updated.backJumpUrl, 'content-length': 0 });
      response.end();
      return;
    }
    sendHtml(response, 200, renderResultPage(updated, action === 'pay' ? 'paid' : 'failed', ''));
  }

  async function serveControl(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const method = request.method ?? 'GET';
    if (method === 'GET' && path === '/sandbox/health') return sendJson(response, 200, { ok: true });
    if (method === 'GET' && path === '/sandbox/orders') {
      lifecycle.sweep();
      return sendJson(response, 200, { orders: lifecycle.list() });
    }
    if (method === 'GET' && path === '/sandbox/notifications') {
      return sendJson(response, 200, { notifications: options.notifications() });
    }
    const orderMatch = /^\/sandbox\/orders\/([^/]+)(?:\/([a-z-]+))?$/.exec(path);
    if (orderMatch) {
      const orderId = decodePathSegment(orderMatch[1]!);
      const action = orderMatch[2];
      if (method === 'GET' && !action) {
        lifecycle.sweep();
        const order = lifecycle.get(orderId);
        return order
          ? sendJson(response, 200, { order })
          : sendJson(response, 404, { error: { code: 'ORDER_NOT_FOUND' } });
      }
      if (method === 'POST' && action) {
        const body = parseJsonBody(await readBody(request));
        const run: Record<string, () => OrderRecord> = {
          pay: () => control.payOrder(orderId),
          fail: () => control.failOrder(orderId),
          advance: () => control.advanceOrder(orderId),
          refund: () =>
            control.refundOrder(orderId, {
              ...(typeof body.amount === 'string' ? { amount: body.amount } : {}),
              ...(typeof body.refundOrderId === 'string' ? { refundOrderId: body.refundOrderId } : {}),
            }),
          'complete-refund': () => control.completeRefund(orderId, { success: body.success !== false }),
        };
        // Own keys only: `constructor` must not reach Object.prototype's members.
        const operation = Object.hasOwn(run, action) ? run[action] : undefined;
        if (operation) return sendJson(response, 200, { order: operation() });
      }
    }
    if (method === 'POST' && path === '/sandbox/clock/advance') {
      const body = parseJsonBody(await readBody(request));
      if (typeof body.ms !== 'number' || !(body.ms >= 0)) throw new HttpError(400, 'ms must be a number ≥ 0');
      await options.clock.advance(body.ms);
      return sendJson(response, 200, { now: new Date(options.clock.now()).toISOString() });
    }
    if (method === 'POST' && path === '/sandbox/faults') {
      const body = parseJsonBody(await readBody(request));
      if (typeof body.fault !== 'object' || body.fault === null) throw new HttpError(400, 'fault must be an object');
      options.injectFault(body.fault as SandboxFault, {
        ...(typeof body.merchantNumber === 'string' ? { merchantNumber: body.merchantNumber } : {}),
        ...(typeof body.count === 'number' ? { count: body.count } : {}),
      });
      return sendJson(response, 200, { ok: true });
    }
    throw new HttpError(404, 'not found');
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://sandbox.invalid').pathname;
    const method = request.method ?? 'GET';
    if (path === '/server') {
      if (method !== 'POST') throw new HttpError(405, 'POST only');
      return serveApi(request, response);
    }
    const payMatch = /^\/pay\/([^/]+)$/.exec(path);
    if (payMatch && (method === 'GET' || method === 'POST')) {
      return servePayment(request, response, decodePathSegment(payMatch[1]!));
    }
    const voucherMatch = /^\/vouchers\/([^/]+)\.pdf$/.exec(path);
    if (voucherMatch && method === 'GET') {
      const orderId = decodePathSegment(voucherMatch[1]!);
      if (!lifecycle.get(orderId)) throw new HttpError(404, 'not found');
      return send(response, 200, 'application/pdf', voucherPdf(orderId));
    }
    if (path.startsWith('/sandbox/')) return serveControl(request, response, path);
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
