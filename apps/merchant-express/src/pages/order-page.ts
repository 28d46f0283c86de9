import { countryCodeLabel } from '@etkit/constants';
import { formatAmount } from '../orders/amount';
import type { Order, OrderEvent } from '../orders/repository';
import { html } from './html';
import { layout } from './layout';
import { feeTypeText, statusBadge, studentName, summarize } from './order-view';

function createErrorHint(code: string | null) {
  if (code === null) return '';
  if (code === 'OUTCOME_UNKNOWN') {
    return html`<p class="hint">We could not confirm this order with EasyTransfer. It is being checked automatically; this page updates when the answer comes.</p>`;
  }
  return html`<p class="hint">EasyTransfer did not accept this order (${code}). <a href="/orders/new">Create a new order</a>.</p>`;
}

export function orderPage(order: Order, events: readonly OrderEvent[], error?: string): string {
  const summary = summarize(order);
  const canPay = order.status === 0;
  return layout(
    `Order ${order.merchantOrderId}`,
    html`<div data-order-id="${order.merchantOrderId}" data-reload-on-change>
<h1>Order ${order.merchantOrderId}</h1>
${error === undefined ? '' : html`<div class="errors" role="alert">${error}</div>`}
<div class="card">
<dl>
  <dt>Status</dt><dd>${statusBadge(order)} <span class="hint" data-live="refunded">${summary.refundedText}</span></dd>
  <dt>Student</dt><dd>${studentName(order)}</dd>
  <dt>School</dt><dd>${order.schoolName}, ${countryCodeLabel(order.countryCode) ?? order.countryCode}</dd>
  <dt>Fee type</dt><dd>${feeTypeText(order.feeType)}</dd>
  <dt>Amount</dt><dd>${formatAmount(order.amount, order.currencyCode)}</dd>
  <dt>EasyTransfer order</dt><dd>${order.etOrderId ?? '—'}</dd>
  ${order.voucherUrl === null ? '' : html`<dt>Remittance voucher</dt><dd><a href="${order.voucherUrl}" rel="noreferrer">Download (PDF)</a></dd>`}
</dl>
</div>
<form method="post" action="/orders/${encodeURIComponent(order.merchantOrderId)}/pay" data-show-when-status="0"${canPay ? '' : html` hidden`}>
  <button type="submit">Pay with EasyTransfer</button>
  <p class="hint">You will be taken to EasyTransfer to pay, then brought back here.</p>
</form>
${createErrorHint(order.createError)}
${
  events.length === 0
    ? ''
    : html`<h2>History</h2><ul>${events.map((event) => html`<li>${event.createdAt.toISOString().slice(0, 19).replace('T', ' ')} UTC — ${event.detail}</li>`)}</ul>`
}
</div>`,
  );
}
