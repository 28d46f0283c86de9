import { formatAmount } from '../orders/amount';
import type { Order } from '../orders/repository';
import { html } from './html';
import { layout } from './layout';
import { feeTypeText, statusBadge, studentName } from './order-view';

export function orderListPage(orders: readonly Order[]): string {
  const rows = orders.map(
    (order) => html`<tr data-order-id="${order.merchantOrderId}">
  <td><a href="/orders/${encodeURIComponent(order.merchantOrderId)}">${order.merchantOrderId}</a></td>
  <td>${studentName(order)}</td>
  <td>${order.schoolName}</td>
  <td>${feeTypeText(order.feeType)}</td>
  <td class="amount">${formatAmount(order.amount, order.currencyCode)}</td>
  <td>${statusBadge(order)}</td>
</tr>`,
  );
  return layout(
    'Orders',
    html`<h1>Orders</h1>
<p class="hint">Statuses update live as EasyTransfer notifications arrive.</p>
${
  orders.length === 0
    ? html`<p class="empty">No orders yet. <a href="/orders/new">Create the first one</a>.</p>`
    : html`<table>
<thead><tr><th>Order</th><th>Student</th><th>School</th><th>Fee type</th><th class="amount">Amount</th><th>Status</th></tr></thead>
<tbody>${rows}</tbody>
</table>`
}`,
  );
}
