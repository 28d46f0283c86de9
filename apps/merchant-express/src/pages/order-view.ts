import { feeTypeLabel } from '@etkit/constants';
import { formatAmount } from '../orders/amount';
import type { Order } from '../orders/repository';
import { statusLabel, statusTone } from '../orders/status';
import { html } from './html';

/** What the live channel sends for one order, and what the pages render: one shape for both. */
export interface OrderSummary {
  merchantOrderId: string;
  status: number | null;
  statusLabel: string;
  statusTone: string;
  refundedText: string;
}

export function summarize(order: Order): OrderSummary {
  return {
    merchantOrderId: order.merchantOrderId,
    status: order.status,
    statusLabel: statusLabel(order.status, order.createError),
    statusTone: statusTone(order.status),
    refundedText:
      order.refundedAmount === '0' ? '' : `refunded ${formatAmount(order.refundedAmount, order.currencyCode)}`,
  };
}

export function statusBadge(order: Order) {
  const summary = summarize(order);
  return html`<span class="status ${summary.statusTone}" data-live="status" data-status="${String(order.status)}">${summary.statusLabel}</span>`;
}

export const studentName = (order: Order) => `${order.studentFirstName} ${order.studentLastName}`;

export const feeTypeText = (feeType: number) => {
  const en = feeTypeLabel(feeType);
  const zh = feeTypeLabel(feeType, 'zh');
  if (en === undefined) return `Fee type ${feeType}`;
  return zh === undefined || zh === en ? en : `${en} (${zh})`;
};
