import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxFault } from '../faults.js';
import type { Scheduler } from '../world/clock.js';
import type { OrderLifecycle } from '../world/lifecycle.js';
import type { OrderControls } from '../world/order-controls.js';
import type { DeliveryRecord, OrderRecord } from '../world/state.js';
import { decodePathSegment, HttpError, parseJsonBody, readBody, sendJson } from './http-io.js';

export interface ControlApiDependencies {
  lifecycle: OrderLifecycle;
  control: OrderControls;
  clock: Scheduler;
  injectFault: (fault: SandboxFault, target: { merchantNumber?: string; count?: number }) => void;
  notifications: () => DeliveryRecord[];
}

/** `/sandbox/*`: the test-control API (orders, order moves, the clock, faults, the delivery log). */
export async function serveControl(
  deps: ControlApiDependencies,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
): Promise<void> {
  const { lifecycle, control } = deps;
  const method = request.method ?? 'GET';
  if (method === 'GET' && path === '/sandbox/health') return sendJson(response, 200, { ok: true });
  if (method === 'GET' && path === '/sandbox/orders') {
    lifecycle.sweep();
    return sendJson(response, 200, { orders: lifecycle.list() });
  }
  if (method === 'GET' && path === '/sandbox/notifications') {
    return sendJson(response, 200, { notifications: deps.notifications() });
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
    await deps.clock.advance(body.ms);
    return sendJson(response, 200, { now: new Date(deps.clock.now()).toISOString() });
  }
  if (method === 'POST' && path === '/sandbox/faults') {
    const body = parseJsonBody(await readBody(request));
    if (typeof body.fault !== 'object' || body.fault === null) throw new HttpError(400, 'fault must be an object');
    deps.injectFault(body.fault as SandboxFault, {
      ...(typeof body.merchantNumber === 'string' ? { merchantNumber: body.merchantNumber } : {}),
      ...(typeof body.count === 'number' ? { count: body.count } : {}),
    });
    return sendJson(response, 200, { ok: true });
  }
  throw new HttpError(404, 'not found');
}
