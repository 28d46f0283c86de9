import type { SiteDisplay } from '../display/site-display.js';
import { formatAmount } from '../orders/amount.js';
import type { Order } from '../orders/repository.js';
import { statusLabel, statusTone } from '../orders/status.js';
import { html } from './html.js';

/** What the live channel sends for one order, and what the pages render: one shape for both. */
export interface OrderSummary {
  merchantOrderId: string;
  status: number | null;
  statusLabel: string;
  statusTone: string;
  refundedText: string;
  /** While the order waits for payment: that the last attempt failed, and when; else empty. */
  paymentNotice: string;
}

export function summarize(order: Order, display: SiteDisplay): OrderSummary {
  return {
    merchantOrderId: order.merchantOrderId,
    status: order.status,
    statusLabel: statusLabel(order.status, order.createError),
    statusTone: statusTone(order.status),
    refundedText:
      order.refundedAmount === '0' ? '' : `refunded ${formatAmount(order.refundedAmount, order.currencyCode)}`,
    paymentNotice:
      order.status === 0 && order.lastPaymentFailedAt !== null
        ? `The last payment attempt failed (${display.timeZone.format(order.lastPaymentFailedAt)}). The order still waits for payment.`
        : '',
  };
}

export function statusBadge(order: Order, display: SiteDisplay) {
  const summary = summarize(order, display);
  return html`<span class="status ${summary.statusTone}" data-live="status" data-status="${String(order.status)}">${summary.statusLabel}</span>`;
}

export const studentName = (order: Order) => `${order.studentFirstName} ${order.studentLastName}`;
