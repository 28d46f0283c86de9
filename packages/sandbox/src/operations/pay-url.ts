import { operations } from '@etkit/openapi';
import { SandboxApiError } from '../errors.js';
import { sandboxServerTypes, sandboxStatusCodes } from '../protocol/codes.js';
import type { OperationContext, OperationResult } from './context.js';
import { FieldReader } from './fields.js';
import { merchantOrder } from './order-access.js';

const operation = sandboxServerTypes.getPaymentUrl;

/**
 * `get_special_pay_url`: only while the order waits for payment, else ET's `200003` (PROTOCOL.md §7). The
 * URL travels as `pay_url` in the response data (the field name is UNKNOWN; `pay_url` is the likely one).
 */
export function getPaymentUrl(context: OperationContext): OperationResult {
  const payload = { ...context.sensitive, ...context.data };
  const fields = new FieldReader(payload, operation, operations.getPaymentUrl.fieldLimits);
  const orderId = fields.string('order_id', { required: true });
  const merchantUserKey = fields.string('merchant_user_key');
  const notifyUrl = fields.url('notify_url');
  const backJumpUrl = fields.url('back_jump_url');
  fields.url('back_page_url');
  fields.string('appid');

  const order = merchantOrder(context, orderId, operation);
  if (merchantUserKey !== '' && merchantUserKey !== order.merchantUserKey) {
    throw fields.invalid('merchant_user_key does not match the order');
  }
  if (order.status !== 0) {
    throw new SandboxApiError(sandboxStatusCodes.orderNotPayable, 'order is not waiting for payment');
  }
  if (notifyUrl) order.notifyUrl = notifyUrl;
  if (backJumpUrl) order.backJumpUrl = backJumpUrl;
  context.persist();
  return { data: [{ order_id: order.orderId, pay_url: context.payUrl(order.orderId) }] };
}
