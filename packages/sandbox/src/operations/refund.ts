import { SandboxApiError, SandboxStateError } from '../errors.js';
import { sandboxServerTypes, sandboxStatusCodes } from '../protocol/codes.js';
import type { OperationContext, OperationResult } from './context.js';
import { FieldReader } from './fields.js';
import { merchantOrder } from './order-access.js';

const operation = sandboxServerTypes.applyRefund;

/**
 * `sandbox_apply_refund` — SANDBOX-SPECIFIC server_type (ET's is UNKNOWN). In: `order_id`,
 * `refund_order_id` (the merchant's refund id, ≤ 50), `refund_amount` (decimal, at most two decimals, > 0,
 * ≤ the paid amount, in the pay currency). Moves a paid order to -3 (processing a refund); finish it with
 * `sandbox.completeRefund(orderId)`, which sends the refund-result notification.
 */
export function applyRefund(context: OperationContext): OperationResult {
  const fields = new FieldReader({ ...context.data, ...context.sensitive }, operation);
  const orderId = fields.string('order_id', { required: true, max: 30 });
  const refundOrderId = fields.string('refund_order_id', { required: true, max: 50 });
  const amount = fields.decimal('refund_amount', { required: true })!;
  merchantOrder(context, orderId, operation);
  try {
    const order = context.orders.startRefund(orderId, { amount, refundOrderId });
    const refund = order.refunds.at(-1)!;
    return {
      data: [
        {
          order_id: order.orderId,
          refund_order_id: refundOrderId,
          refund_amount: refund.amount,
          order_status: order.status,
        },
      ],
    };
  } catch (error) {
    if (error instanceof SandboxStateError) {
      const code =
        error.code === 'INVALID_ARGUMENT' ? sandboxStatusCodes.fieldInvalid : sandboxStatusCodes.orderStateConflict;
      throw new SandboxApiError(
        code,
        error.code === 'INVALID_ARGUMENT'
          ? `${operation}: refund_amount must have at most two decimals, be > 0 and ≤ the paid amount`
          : `${operation}: the order cannot be refunded in its status`,
      );
    }
    throw error;
  }
}
