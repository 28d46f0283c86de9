import { SandboxApiError } from '../errors.js';
import { sandboxStatusCodes } from '../protocol/codes.js';
import type { OrderRecord } from '../world/state.js';
import type { OperationContext } from './context.js';

/** The merchant's own order, or SBX404 (another merchant's order is "not found" too). */
export function merchantOrder(context: OperationContext, orderId: string, operation: string): OrderRecord {
  const order = context.orders.get(orderId);
  if (!order || order.merchantNumber !== context.merchant.merchantNumber) {
    throw new SandboxApiError(sandboxStatusCodes.orderNotFound, `${operation}: order not found`);
  }
  return order;
}
