// Live order statuses: the server pushes one "order" event per change (server-sent events). Elements carrying
// data-order-id + data-live="status" get the new label and tone; [data-show-when-status] toggles on the status.
(() => {
  if (!('EventSource' in window)) return;
  const source = new EventSource('/events');
  source.addEventListener('order', (message) => {
    const order = JSON.parse(message.data);
    for (const element of document.querySelectorAll(`[data-order-id="${CSS.escape(order.merchantOrderId)}"]`)) {
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
