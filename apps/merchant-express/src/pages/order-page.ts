import { countryCodeLabel } from '@etkit/constants';
import { feeTypeText, type SiteDisplay } from '../display/site-display.js';
import { formatAmount } from '../orders/amount.js';
import type { Order, OrderEvent } from '../orders/repository.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { statusBadge, studentName, summarize } from './order-view.js';

function createErrorHint(code: string | null) {
  if (code === null) return '';
  if (code === 'OUTCOME_UNKNOWN') {
    return html`<p class="hint">We could not confirm this order with EasyTransfer. It is being checked automatically; this page updates when the answer comes.</p>`;
  }
  return html`<p class="hint">EasyTransfer did not accept this order (${code}). <a href="/orders/new">Create a new order</a>.</p>`;
}

export function orderPage(order: Order, events: readonly OrderEvent[], display: SiteDisplay, error?: string): string {
  const summary = summarize(order, display);
  const canPay = order.status === 0;
  const time = display.timeZone.format;
  return layout(
    `Order ${order.merchantOrderId}`,
    html`<div data-order-id="${order.merchantOrderId}" data-reload-on-change>
<h1>Order <span class="id">${order.merchantOrderId}</span></h1>
${error === undefined ? '' : html`<div class="errors" role="alert">${error}</div>`}
<p class="notice" role="status" data-live="payment-notice"${summary.paymentNotice === '' ? html` hidden` : ''}>${summary.paymentNotice}</p>
<div class="card">
<dl>
  <dt>Status</dt><dd>${statusBadge(order, display)} <span class="hint" data-live="refunded">${summary.refundedText}</span></dd>
  <dt>Student</dt><dd>${studentName(order)}</dd>
  <dt>School</dt><dd>${order.schoolName}, ${countryCodeLabel(order.countryCode) ?? order.countryCode}</dd>
  <dt>Fee type</dt><dd>${feeTypeText(display, order.feeType)}</dd>
  <dt>Amount</dt><dd>${formatAmount(order.amount, order.currencyCode)}</dd>
  <dt>Created</dt><dd>${time(order.createdAt)}</dd>
  <dt>EasyTransfer order</dt><dd class="id">${order.etOrderId ?? '—'}</dd>
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
    : html`<h2>History</h2><ul class="history">${events.map((event) => html`<li><time>${time(event.createdAt)}</time> — ${event.detail}</li>`)}</ul>`
}
</div>`,
  );
}
