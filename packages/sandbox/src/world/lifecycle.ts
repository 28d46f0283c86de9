import type { SandboxMerchant } from '../accounts/merchant-config.js';
import { SandboxStateError } from '../errors.js';
import { compareDecimals, isDecimalText, toFixedDecimal } from './decimal.js';
import type { NotificationCenter } from './notifications.js';
import type { OrderRecord, OrderStatus, SandboxState } from './state.js';
import { day, formatBeijingDateTime } from './time.js';

/** Unpaid orders close after 7 days (PROTOCOL.md §7). */
export const unpaidOrderLifetimeMs = 7 * day;

/** The remittance path of a paid order (constants.json `order_status`). */
const nextRemittanceStatus: Partial<Record<OrderStatus, OrderStatus>> = { 1: 2, 2: 3, 3: 4 };
const refundableStatuses: readonly OrderStatus[] = [1, 2, 3, 4];

interface Dependencies {
  state: SandboxState;
  now: () => number;
  persist: () => void;
  notifications: NotificationCenter;
  merchant: (merchantNumber: string) => SandboxMerchant | undefined;
  voucherUrl: (orderId: string) => string;
}

/**
 * The order state machine: 0 → 1 → 2 → 3 → 4; 0 → -1 after 7 days unpaid; paid → -3 → -2 for refunds.
 * Each move records history and queues the notifications ET would send.
 */
export class OrderLifecycle {
  constructor(private readonly deps: Dependencies) {}

  get(orderId: string): OrderRecord | undefined {
    // Own keys only: an id such as `constructor` or `__proto__` must not find Object.prototype's members.
    const { orders } = this.deps.state;
    return Object.hasOwn(orders, orderId) ? orders[orderId] : undefined;
  }

  list(): OrderRecord[] {
    return Object.values(this.deps.state.orders).sort((a, b) => a.createdAt - b.createdAt);
  }

  require(orderId: string): OrderRecord {
    const order = this.get(orderId);
    if (!order) throw new SandboxStateError('ORDER_NOT_FOUND', `no order ${orderId}`);
    return order;
  }

  pay(orderId: string): OrderRecord {
    const order = this.require(orderId);
    this.expect(order, [0], 'pay');
    const now = this.deps.now();
    order.paidAt = now;
    this.paymentResult(order, 1, now);
    this.moveTo(order, 1);
    return order;
  }

  /** A failed payment: the payer may try again, so the order keeps waiting (status 0). */
  fail(orderId: string): OrderRecord {
    const order = this.require(orderId);
    this.expect(order, [0], 'fail');
    this.paymentResult(order, 0, this.deps.now());
    this.deps.persist();
    return order;
  }

  advance(orderId: string): OrderRecord {
    const order = this.require(orderId);
    const next = nextRemittanceStatus[order.status];
    if (next === undefined) {
      throw new SandboxStateError(
        'INVALID_TRANSITION',
        `order ${orderId} is in status ${order.status}; advance needs 1, 2 or 3`,
      );
    }
    this.moveTo(order, next);
    if (next === 3) this.remittanceVoucher(order);
    return order;
  }

  startRefund(orderId: string, options: { amount?: string; refundOrderId?: string } = {}): OrderRecord {
    const order = this.require(orderId);
    this.expect(order, refundableStatuses, 'refund');
    const amount = options.amount ?? order.payAmount;
    // At most two decimals, like the paid amount: rounding would turn 0.004 into a refund of 0.00.
    const refundable = isDecimalText(amount) && !/\.\d{3,}$/.test(amount);
    if (!refundable || compareDecimals(amount, '0') <= 0 || compareDecimals(amount, order.payAmount) > 0) {
      throw new SandboxStateError(
        'INVALID_ARGUMENT',
        'refund amount must be a decimal with at most two decimals, > 0 and ≤ the paid amount',
      );
    }
    order.refunds.push({
      refundOrderId: options.refundOrderId ?? order.orderId,
      amount: toFixedDecimal(amount, 2),
      previousStatus: order.status,
      startedAt: this.deps.now(),
    });
    this.moveTo(order, -3);
    return order;
  }

  completeRefund(orderId: string, options: { success?: boolean } = {}): OrderRecord {
    const order = this.require(orderId);
    this.expect(order, [-3], 'complete a refund of');
    const refund = order.refunds.at(-1)!;
    const success = options.success ?? true;
    const now = this.deps.now();
    refund.result = success ? 'succeeded' : 'failed';
    refund.finishedAt = now;
    const merchant = this.deps.merchant(order.merchantNumber);
    if (merchant?.notifyUrl) {
      this.deps.notifications.enqueue({
        merchant,
        orderId: order.orderId,
        kind: 'refund_result',
        url: merchant.notifyUrl,
        fields: {
          order_id: order.orderId,
          refund_order_id: refund.refundOrderId,
          refund_result: success ? '1' : '0',
          refund_amount: refund.amount,
          refund_datetime: formatBeijingDateTime(now),
          extend_info: order.extendInfo,
        },
      });
    }
    this.moveTo(order, success ? -2 : refund.previousStatus);
    return order;
  }

  /** Close every order that waited for payment longer than 7 days. */
  sweep(): void {
    const now = this.deps.now();
    // Runs before every request: a plain scan, no sorting.
    for (const order of Object.values(this.deps.state.orders)) {
      if (order.status === 0 && now - order.createdAt >= unpaidOrderLifetimeMs) this.moveTo(order, -1);
    }
  }

  private expect(order: OrderRecord, allowed: readonly OrderStatus[], action: string): void {
    if (!allowed.includes(order.status)) {
      throw new SandboxStateError(
        'INVALID_TRANSITION',
        `cannot ${action} order ${order.orderId} in status ${order.status} (needs ${allowed.join(' or ')})`,
      );
    }
  }

  private moveTo(order: OrderRecord, status: OrderStatus): void {
    const now = this.deps.now();
    order.status = status;
    order.updatedAt = now;
    order.history.push({ status, at: now });
    const merchant = this.deps.merchant(order.merchantNumber);
    if (merchant && order.statusChangeNotifyUrl) {
      this.deps.notifications.enqueue({
        merchant,
        orderId: order.orderId,
        kind: 'order_status_change',
        url: order.statusChangeNotifyUrl,
        fields: {
          notify_type: 'order_status_change',
          order_id: order.orderId,
          datetime: formatBeijingDateTime(now),
          order_status: String(status),
        },
      });
    }
    this.deps.persist();
  }

  private paymentResult(order: OrderRecord, result: 0 | 1, at: number): void {
    const merchant = this.deps.merchant(order.merchantNumber);
    if (!merchant || !order.notifyUrl) return;
    this.deps.notifications.enqueue({
      merchant,
      orderId: order.orderId,
      kind: 'payment_result',
      url: order.notifyUrl,
      fields: {
        order_id: order.orderId,
        pay_result: String(result),
        pay_amount: order.payAmount,
        pay_currency_code: order.payCurrencyCode,
        pay_datetime: formatBeijingDateTime(at),
        extend_info: order.extendInfo,
      },
      // As in the JSON payment case of the shared vectors.json (not a provider sample): bare JSON numbers.
      numericFields: ['pay_result', 'pay_amount'],
    });
  }

  private remittanceVoucher(order: OrderRecord): void {
    const merchant = this.deps.merchant(order.merchantNumber);
    if (!merchant?.notifyUrl) return;
    this.deps.notifications.enqueue({
      merchant,
      orderId: order.orderId,
      kind: 'remittance_voucher',
      url: merchant.notifyUrl,
      fields: {
        order_id: order.orderId,
        remittance_voucher_url: this.deps.voucherUrl(order.orderId),
        extend_info: order.extendInfo,
      },
    });
  }
}
