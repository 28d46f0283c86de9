import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OrderLifecycle } from '../world/lifecycle.js';
import type { OrderControls } from '../world/order-controls.js';
import { HttpError, readBody, sendHtml } from './http-io.js';
import { renderMessagePage, renderPayPage, renderResultPage } from './pay-page.js';

/** `GET /pay/:orderId` shows the payment page; `POST` (its Pay / Fail buttons) pays or fails the order. */
export async function servePayment(
  lifecycle: OrderLifecycle,
  control: OrderControls,
  request: IncomingMessage,
  response: ServerResponse,
  orderId: string,
): Promise<void> {
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
