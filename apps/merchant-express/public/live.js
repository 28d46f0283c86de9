// Live order statuses: the server pushes one "order" event per change (server-sent events). Elements carrying
// data-order-id + data-live="status" get the new label and tone; [data-show-when-status] toggles on the status;
// a [data-reload-on-change] container reloads the page when its order's status changes.
(() => {
  if (!('EventSource' in window)) return;
  // The ids shown here: the server first sends their current state, so a change made between rendering the page
  // and connecting is not missed.
  const ids = [...new Set([...document.querySelectorAll('[data-order-id]')].map((element) => element.dataset.orderId))];
  // A stream watches the orders on this page only (at most 100, as the server allows); none shown, no stream.
  if (ids.length === 0) return;
  const source = new EventSource(`/events?orders=${encodeURIComponent(ids.slice(0, 100).join(','))}`);
  source.addEventListener('order', (message) => {
    const order = JSON.parse(message.data);
    for (const element of document.querySelectorAll(`[data-order-id="${CSS.escape(order.merchantOrderId)}"]`)) {
      // The order page shows more than a status (history, voucher): when the status changes, load it afresh.
      const shown = element.querySelector('[data-live="status"]');
      if (element.hasAttribute('data-reload-on-change') && shown && shown.dataset.status !== String(order.status)) {
        window.location.reload();
        return;
      }
      for (const badge of element.querySelectorAll('[data-live="status"]')) {
        badge.textContent = order.statusLabel;
        badge.className = `status ${order.statusTone}`;
        badge.dataset.status = String(order.status);
      }
      for (const part of element.querySelectorAll('[data-show-when-status]')) {
        part.hidden = part.dataset.showWhenStatus !== String(order.status);
      }
      for (const part of element.querySelectorAll('[data-live="refunded"]')) part.textContent = order.refundedText;
    }
  });
})();
