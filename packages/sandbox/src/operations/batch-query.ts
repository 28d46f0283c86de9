import { sandboxServerTypes } from '../protocol/codes.js';
import { formatBeijingDateTime } from '../world/time.js';
import type { OperationContext, OperationResult } from './context.js';
import { FieldReader } from './fields.js';

const operation = sandboxServerTypes.batchQueryOrders;
export const maxQueryKeys = 100;

/**
 * `batch_special_query_order_info`. The query keys are UNKNOWN; the sandbox accepts `order_ids` and/or
 * `merchant_order_ids` (JSON lists or comma-separated), or a single `order_id` / `merchant_order_id`, from
 * `data` or `sensitive_data` [sandbox choice]. The records come back encrypted in `sensitive_data` [doc];
 * unknown ids are left out.
 */
export function batchQueryOrders(context: OperationContext): OperationResult {
  const fields = new FieldReader({ ...context.data, ...context.sensitive }, operation);
  const orderIds = [...fields.stringList('order_ids'), ...fields.stringList('order_id')];
  const merchantOrderIds = [...fields.stringList('merchant_order_ids'), ...fields.stringList('merchant_order_id')];
  if (orderIds.length + merchantOrderIds.length === 0) {
    throw fields.invalid('give order_ids or merchant_order_ids');
  }
  if (orderIds.length + merchantOrderIds.length > maxQueryKeys) {
    throw fields.invalid(`at most ${maxQueryKeys} ids per query`);
  }
  const wantedOrders = new Set(orderIds);
  const wantedMerchantOrders = new Set(merchantOrderIds);
  const records = context.orders
    .list()
    .filter(
      (order) =>
        order.merchantNumber === context.merchant.merchantNumber &&
        (wantedOrders.has(order.orderId) || wantedMerchantOrders.has(order.merchantOrderId)),
    )
    .map((order) => ({
      order_id: order.orderId,
      merchant_order_id: order.merchantOrderId,
      order_status: order.status,
      currency_code: order.currencyCode,
      tuition: order.tuition,
      merchant_service_fee: order.serviceFee,
      pay_currency_code: order.payCurrencyCode,
      pay_amount: order.payAmount,
      create_time: formatBeijingDateTime(order.createdAt),
      pay_time: order.paidAt === undefined ? '' : formatBeijingDateTime(order.paidAt),
      refund_amount: order.refunds.find((refund) => refund.result === 'succeeded')?.amount ?? '',
    }));
  return { data: [], sensitive: records };
}
