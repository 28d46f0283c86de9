import type { NewOrder } from './orders/repository.js';

/**
 * What the site asks of EasyTransfer, in its own words. `createEtGateway` (et-gateway.ts) implements it with
 * @etkit/client; the seam keeps routes free of protocol details.
 */
export interface PaymentGateway {
  /** add_special_rent_order. Never retried automatically: the request may have reached ET. */
  createOrder(order: OrderToCreate): Promise<{ etOrderId: string }>;
  /** get_special_pay_url: only while the order waits for payment. */
  getPaymentUrl(request: PaymentUrlRequest): Promise<string>;
  /** batch_special_query_order_info by ET or merchant order ids; orders ET does not return are omitted. */
  queryOrders(query: OrderQuery): Promise<OrderObservation[]>;
}

export interface OrderToCreate extends NewOrder {
  merchantOrderId: string;
  merchantUserKey: string;
  notifyUrl: string;
  statusChangeNotifyUrl: string;
  backJumpUrl: string;
  /** `fee_type_desc` for the order's fee type; default: the published Chinese label. */
  feeTypeDescription?: string;
}

export interface PaymentUrlRequest {
  etOrderId: string;
  merchantUserKey: string;
  notifyUrl: string;
  backJumpUrl: string;
}

export interface OrderQuery {
  etOrderIds?: readonly string[];
  merchantOrderIds?: readonly string[];
}

export interface OrderObservation {
  etOrderId: string;
  merchantOrderId?: string;
  status: number;
  /** Decimal text, when the answer states the paid amount. */
  payAmount?: string;
  payCurrency?: string;
  /**
   * Decimal text, when the answer states the total refunded (the sandbox's `refund_amount`; ET's docs name no
   * refund field of this answer, so with ET itself it may be absent and only the status can be verified).
   */
  refundedAmount?: string;
}

/** The code of a create order whose request may have reached ET: reconciliation finds out. */
export const OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN';
/** Reconciliation asked ET, which has no order with our merchant order id: it was never created. */
export const NOT_AT_ET = 'NOT_AT_ET';

/** A failure talking to ET, with a code that is safe to store and show (never a key or personal data). */
export class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GatewayError';
  }
}

/** The merchant's key for the payer: one per order here, since the sample site has no user accounts. */
export const merchantUserKeyOf = (merchantOrderId: string) => `student-${merchantOrderId}`;
