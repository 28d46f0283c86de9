import { feeTypeDisplayLabel, orderStatusLabel } from '@etkit/constants';
import type { OrderRecord } from '../world/state.js';
import { formatBeijingDateTime } from '../world/time.js';
import { escapeHtml } from './html.js';

const style = `body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
.banner{background:#fff4d6;border:1px solid #e0b84a;padding:.5rem .75rem;border-radius:.4rem;font-size:.9rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem}dt{color:#555}dd{margin:0;font-variant-numeric:tabular-nums}
.actions{display:flex;gap:1rem;margin-top:1.5rem}button{font:inherit;padding:.6rem 1.4rem;border-radius:.4rem;border:1px solid #888;cursor:pointer}
button.pay{background:#0a7d34;color:#fff;border-color:#0a7d34}button.fail{background:#fff;color:#a11}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${style}</style></head>
<body><p class="banner">EasyTransfer <strong>sandbox</strong> — no real money moves.</p>${body}</body></html>`;
}

/** The payment page: an order summary and Pay / Fail buttons (only while the order waits for payment). */
export function renderPayPage(order: OrderRecord): string {
  const rows: Array<[string, string]> = [
    ['Order', order.orderId],
    ['Merchant order', order.merchantOrderId],
    ['Institution', order.institutionName || order.schoolName || '—'],
    // The same label the merchant's pages show for the code (@etkit/constants), not the amount field's wire name.
    [
      'Fee type',
      (order.feeTypes ?? []).map((row) => feeTypeDisplayLabel(row.feeType, row.description)).join(', ') || '—',
    ],
    ['Amount', `${order.tuition} ${order.currencyCode}`],
    ['Service fee', `${order.serviceFee} ${order.serviceFeeCurrencyCode}`],
    ['You pay', `${order.payAmount} ${order.payCurrencyCode}`],
    ['Status', orderStatusLabel(order.status)],
    ['Created', `${formatBeijingDateTime(order.createdAt)} (UTC+8)`],
  ];
  const summary = `<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
  const action = `/pay/${encodeURIComponent(order.orderId)}`;
  const buttons =
    order.status === 0
      ? `<form method="post" action="${escapeHtml(action)}" class="actions">
<button class="pay" name="action" value="pay">Pay ${escapeHtml(order.payAmount)} ${escapeHtml(order.payCurrencyCode)}</button>
<button class="fail" name="action" value="fail">Fail payment</button></form>`
      : '<p>This order is not waiting for payment.</p>';
  return page(`Pay ${order.orderId}`, `<h1>Pay your order</h1>${summary}${buttons}`);
}

export function renderResultPage(order: OrderRecord, outcome: 'paid' | 'failed', backUrl: string): string {
  const text = outcome === 'paid' ? 'Payment successful.' : 'Payment failed. The order still waits for payment.';
  const back = backUrl ? `<p><a href="${escapeHtml(backUrl)}">Back to the merchant</a></p>` : '';
  return page(`Order ${order.orderId}`, `<h1>${escapeHtml(text)}</h1><p>Order ${escapeHtml(order.orderId)}</p>${back}`);
}

export function renderMessagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

/** A minimal valid one-page PDF standing in for a remittance voucher. */
export function voucherPdf(orderId: string): string {
  const safe = orderId.replace(/[^A-Za-z0-9-]/g, '');
  const stream = `BT /F1 14 Tf 72 720 Td (EasyTransfer sandbox remittance voucher ${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return pdf;
}
