import type { OrderLifecycle } from './lifecycle.js';
import type { OrderRecord } from './state.js';

/** The test controls that move an order (Sandbox methods and the HTTP control API); each returns a copy. */
export interface OrderControls {
  payOrder(orderId: string): OrderRecord;
  failOrder(orderId: string): OrderRecord;
  advanceOrder(orderId: string): OrderRecord;
  refundOrder(orderId: string, options?: { amount?: string; refundOrderId?: string }): OrderRecord;
  completeRefund(orderId: string, options?: { success?: boolean }): OrderRecord;
}

const copy = <T>(value: T): T => structuredClone(value);

export function orderControls(lifecycle: OrderLifecycle): OrderControls {
  return {
    payOrder: (orderId) => {
      lifecycle.sweep();
      return copy(lifecycle.pay(orderId));
    },
    failOrder: (orderId) => {
      lifecycle.sweep();
      return copy(lifecycle.fail(orderId));
    },
    advanceOrder: (orderId) => copy(lifecycle.advance(orderId)),
    refundOrder: (orderId, refund) => copy(lifecycle.startRefund(orderId, refund)),
    completeRefund: (orderId, result) => copy(lifecycle.completeRefund(orderId, result)),
  };
}
