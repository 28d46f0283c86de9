import { ApiError, type EtClient, isEtkitClientError } from '@etkit/client';
import { feeTypeLabel } from '@etkit/constants';
import { GatewayError, type OrderObservation, type PaymentGateway } from './gateway.js';

const ORDER_STATUS = /^-?\d+$/;
const DECIMAL = /^\d{1,18}(?:\.\d{1,8})?$/;

/** Maps a client error to a code that is safe to store and show: `API_ERROR 200003`, `TIMEOUT`, … */
function toGatewayError(error: unknown, action: string): GatewayError {
  if (error instanceof ApiError) {
    return new GatewayError(`API_ERROR ${error.statusCode}`, `${action}: ET answered ${error.statusCode}`, {
      cause: error,
    });
  }
  if (isEtkitClientError(error)) return new GatewayError(error.code, `${action}: ${error.code}`, { cause: error });
  return new GatewayError('ERROR', `${action} failed`, { cause: error });
}

/** The site's PaymentGateway on top of @etkit/client. */
export function createEtGateway(client: EtClient): PaymentGateway {
  return {
    async createOrder(order) {
      let result: Awaited<ReturnType<EtClient['createOrder']>>;
      try {
        result = await client.createOrder({
          merchant_order_id: order.merchantOrderId,
          merchant_user_key: order.merchantUserKey,
          first_name_en: order.studentFirstName,
          last_name_en: order.studentLastName,
          student_email: order.studentEmail,
          school_name: order.schoolName,
          institution_name: order.schoolName,
          country_code: order.countryCode,
          currency_code: order.currencyCode,
          // The client sends it under the profile's tuitionFieldName (`tuituon` by default) as the exact digits.
          tuituon: order.amount,
          fee_type_list: [
            {
              fee_type: order.feeType,
              fee_type_desc: order.feeTypeDescription ?? feeTypeLabel(order.feeType, 'zh') ?? '',
            },
          ],
          notify_url: order.notifyUrl,
          status_change_notify_url: order.statusChangeNotifyUrl,
          back_jump_url: order.backJumpUrl,
        });
      } catch (error) {
        throw toGatewayError(error, 'create order');
      }
      if (result.orderId === undefined) {
        throw new GatewayError('NO_ORDER_ID', 'create order: ET answered without an order_id');
      }
      return { etOrderId: result.orderId };
    },

    async getPaymentUrl(request) {
      let result: Awaited<ReturnType<EtClient['getPaymentUrl']>>;
      try {
        result = await client.getPaymentUrl({
          order_id: request.etOrderId,
          merchant_user_key: request.merchantUserKey,
          notify_url: request.notifyUrl,
          back_jump_url: request.backJumpUrl,
        });
      } catch (error) {
        throw toGatewayError(error, 'get payment URL');
      }
      if (result.payUrl === undefined) throw new GatewayError('NO_PAY_URL', 'get payment URL: no URL in the answer');
      return result.payUrl;
    },

    async queryOrders(query) {
      let result: Awaited<ReturnType<EtClient['batchQueryOrders']>>;
      // The query keys are not in ET's public docs; `order_ids` / `merchant_order_ids` are the natural reading
      // (and the sandbox's).
      const keys: Record<string, string[]> = {};
      if (query.etOrderIds?.length) keys.order_ids = [...query.etOrderIds];
      if (query.merchantOrderIds?.length) keys.merchant_order_ids = [...query.merchantOrderIds];
      try {
        result = await client.batchQueryOrders({ sensitive: keys });
      } catch (error) {
        throw toGatewayError(error, 'query orders');
      }
      const observations: OrderObservation[] = [];
      for (const item of result.items) {
        const status = String(item.order_status ?? '');
        if (typeof item.order_id !== 'string' || !ORDER_STATUS.test(status)) continue;
        // Fields the OpenAPI document does not type arrive in `extra`, numbers as their decimal text.
        const { pay_amount, pay_currency_code, refund_amount } = item.extra;
        const payAmount = typeof pay_amount === 'string' && DECIMAL.test(pay_amount) ? pay_amount : undefined;
        const payCurrency = typeof pay_currency_code === 'string' ? pay_currency_code : undefined;
        // Not in ET's docs (the sandbox sends it; empty when nothing was refunded): used only when a decimal.
        const refundedAmount =
          typeof refund_amount === 'string' && DECIMAL.test(refund_amount) ? refund_amount : undefined;
        const merchantOrderId = typeof item.merchant_order_id === 'string' ? item.merchant_order_id : undefined;
        observations.push({
          etOrderId: item.order_id,
          merchantOrderId,
          status: Number(status),
          payAmount,
          payCurrency,
          refundedAmount,
        });
      }
      return observations;
    },
  };
}
