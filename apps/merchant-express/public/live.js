// Live orders: the server pushes one "order" event per change (server-sent events). Elements carrying
// data-order-id + data-live="status" get the new label and tone; [data-show-when-status] toggles on the status;
// [data-live="payment-notice"] shows a failed payment attempt; a [data-reload-on-change] container reloads the
// page when its order's status changes. The order list ([data-live-list]) also hears "created" events and
// fetches the new order's row.
(() => {
  if (!('EventSource' in window)) return;
  const list = document.querySelector('[data-live-list]');
  // The ids shown here: the server first sends their current state, so a change made between rendering the page
  // and connecting is not missed.
  const ids = [...new Set([...document.querySelectorAll('[data-order-id]')].map((element) => element.dataset.orderId))];
  // A stream watches the orders on this page only (at most 100, as the server allows); none shown and no list,
  // no stream.
  if (ids.length === 0 && list === null) return;
  const query = `orders=${encodeURIComponent(ids.slice(0, 100).join(','))}${list === null ? '' : '&new=1'}`;
  const source = new EventSource(`/events?${query}`);
  // The latest state of each order heard of: a row fetched after its order event arrived gets it too.
  const latest = new Map();

  const show = (order) => {
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
      for (const part of element.querySelectorAll('[data-live="payment-notice"]')) {
        part.textContent = order.paymentNotice;
        part.hidden = order.paymentNotice === '';
      }
    }
  };

  source.addEventListener('order', (message) => {
    const order = JSON.parse(message.data);
    latest.set(order.merchantOrderId, order);
    show(order);
  });

  source.addEventListener('created', async (message) => {
    if (list === null) return;
    const { merchantOrderId } = JSON.parse(message.data);
    if (list.querySelector(`[data-order-id="${CSS.escape(merchantOrderId)}"]`)) return;
    const response = await fetch(`/orders/${encodeURIComponent(merchantOrderId)}/row`, { credentials: 'same-origin' });
    if (!response.ok || list.querySelector(`[data-order-id="${CSS.escape(merchantOrderId)}"]`)) return;
    // A <template> parses a lone <tr> as a table row would be parsed; the server escaped every value in it.
    const template = document.createElement('template');
    template.innerHTML = (await response.text()).trim();
    const row = template.content.firstElementChild;
    if (row === null) return;
    list.prepend(row);
    // The list shows the 100 latest orders.
    while (list.children.length > 100) list.lastElementChild.remove();
    list.closest('table').hidden = false;
    for (const empty of document.querySelectorAll('[data-live="empty"]')) empty.hidden = true;
    const known = latest.get(merchantOrderId);
    if (known !== undefined) show(known);
  });
})();
