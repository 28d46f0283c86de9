import { feeTypeText, type SiteDisplay } from '../display/site-display.js';
import { formatAmount } from '../orders/amount.js';
import type { Order } from '../orders/repository.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { statusBadge, studentName } from './order-view.js';

/** One row of the list; also served alone (`GET /orders/:id/row`) for a row that arrives live. */
export function orderRow(order: Order, display: SiteDisplay) {
  return html`<tr data-order-id="${order.merchantOrderId}">
  <td data-label="Order"><a class="id" href="/orders/${encodeURIComponent(order.merchantOrderId)}">${order.merchantOrderId}</a></td>
  <td data-label="Student">${studentName(order)}</td>
  <td data-label="School">${order.schoolName}</td>
  <td data-label="Fee type">${feeTypeText(display, order.feeType)}</td>
  <td data-label="Created">${display.timeZone.format(order.createdAt)}</td>
  <td data-label="Amount" class="amount">${formatAmount(order.amount, order.currencyCode)}</td>
  <td data-label="Status">${statusBadge(order, display)}</td>
</tr>`;
}

export function orderListPage(orders: readonly Order[], display: SiteDisplay): string {
  // The table is there even when empty: orders created meanwhile arrive live (live.js fills and shows it).
  const empty = orders.length === 0;
  return layout(
    'Orders',
    html`<h1>Orders</h1>
<p class="hint">New orders and statuses appear live as they are created and as EasyTransfer notifications arrive. Times in ${display.timeZone.name}.</p>
<p class="empty" data-live="empty"${empty ? '' : html` hidden`}>No orders yet. <a href="/orders/new">Create the first one</a>.</p>
<table class="orders"${empty ? html` hidden` : ''}>
<thead><tr><th>Order</th><th>Student</th><th>School</th><th>Fee type</th><th>Created</th><th class="amount">Amount</th><th>Status</th></tr></thead>
<tbody data-live-list>${orders.map((order) => orderRow(order, display))}</tbody>
</table>`,
  );
}
