import type { OrderStatusChangeNotification, PaymentResultNotification } from '@etkit/notify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Sandbox } from '../src/index.js';
import { clientFor } from './helpers/client.js';
import { startMerchantServer } from './helpers/merchant-server.js';
import { sampleOrder, testSandbox } from './helpers/sandbox.js';

let sandbox: Sandbox;
let merchant: Awaited<ReturnType<typeof startMerchantServer>>;

beforeAll(async () => {
  // 1 sandbox minute = 1 real millisecond × 60: the 1-minute resend comes after ~60 ms.
  sandbox = await testSandbox({ timeScale: 0.001 });
  merchant = await startMerchantServer(sandbox.merchants[0]!.salt);
});
afterAll(async () => {
  await sandbox.close();
  await merchant.close();
});

async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

it('create order → payment URL → pay on the page → verified notifications, one redelivered on schedule', async () => {
  const url = await sandbox.listen(0);
  const client = clientFor(sandbox, `${url}/server`);

  const created = await client.createOrder({
    ...sampleOrder,
    notify_url: `${merchant.base}/notify/pay`,
    status_change_notify_url: `${merchant.base}/notify/status`,
    back_jump_url: 'https://merchant.example.test/paid?x=<1>',
  });
  const orderId = created.orderId!;
  const { payUrl } = await client.getPaymentUrl({ order_id: orderId, merchant_user_key: 'user-42' });

  // The payment page shows the order with escaped text and posts to the sandbox.
  const page = await (await fetch(payUrl!)).text();
  expect(page).toContain('92694.08 RMB');
  expect(page).toContain('Queen&#39;s &lt;b&gt;Hall&lt;/b&gt; &amp; &quot;Co&quot;');
  expect(page).not.toContain('<b>Hall</b>');
  expect(page).toContain(`action="/pay/${orderId}"`);

  merchant.failNext('payment_result', 1); // the merchant answers 500 once
  const paid = await fetch(payUrl!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'action=pay',
    redirect: 'manual',
  });
  expect(paid.status).toBe(303);
  expect(paid.headers.get('location')).toBe('https://merchant.example.test/paid?x=<1>');
  expect(sandbox.orders.get(orderId)!.status).toBe(1);

  await waitFor(() => merchant.received.some((n) => n.kind === 'payment_result'));
  await sandbox.notifications.settled();

  const payment = merchant.received.find((n) => n.kind === 'payment_result') as PaymentResultNotification;
  expect(payment).toMatchObject({ orderId, paid: true, payAmount: '92694.08', payCurrencyCode: 'RMB' });
  const status = merchant.received.find((n) => n.kind === 'order_status_change') as OrderStatusChangeNotification;
  expect(status).toMatchObject({ orderId, orderStatus: 1 });

  const log = sandbox.notifications.list();
  const paymentDelivery = log.find((d) => d.kind === 'payment_result')!;
  expect(paymentDelivery.state).toBe('delivered');
  expect(paymentDelivery.attempts.map((a) => a.outcome)).toEqual(['rejected', 'acknowledged']);
  expect(paymentDelivery.attempts[0]!.httpStatus).toBe(500);
  // The resend was due exactly 1 minute (sandbox time) after the first attempt.
  expect(paymentDelivery.attempts[1]!.dueAt - paymentDelivery.attempts[0]!.dueAt).toBe(60_000);
  const statusDelivery = log.find((d) => d.kind === 'order_status_change')!;
  expect(statusDelivery.attempts.map((a) => a.outcome)).toEqual(['acknowledged']);

  // Remittance: 1 → 2 → 3 → 4, each a verified status change.
  for (let i = 0; i < 3; i++) sandbox.advanceOrder(orderId);
  await waitFor(() => merchant.received.filter((n) => n.kind === 'order_status_change').length === 4);
  const statuses = merchant.received
    .filter((n): n is OrderStatusChangeNotification => n.kind === 'order_status_change')
    .map((n) => n.orderStatus);
  expect(statuses.sort()).toEqual([1, 2, 3, 4]);
});

it('remittance voucher and refund result reach the merchant URL; the signed refund acknowledgement is accepted', async () => {
  const client = clientFor(sandbox, `${sandbox.url}/server`);
  sandbox.merchants[0]!.notifyUrl = `${merchant.base}/notify/account`;
  const { orderId } = await client.createOrder({ ...sampleOrder, merchant_order_id: 'M-REFUND' });
  sandbox.payOrder(orderId!);
  sandbox.advanceOrder(orderId!);
  sandbox.advanceOrder(orderId!); // → 3: the voucher is sent
  await client.applyRefund({ data: { order_id: orderId, refund_order_id: 'RF-9', refund_amount: '300.25' } });
  sandbox.completeRefund(orderId!);
  await waitFor(() => merchant.received.some((n) => n.kind === 'refund_result'));
  await sandbox.notifications.settled();

  const voucher = merchant.received.find((n) => n.kind === 'remittance_voucher' && n.orderId === orderId);
  expect(voucher).toMatchObject({ remittanceVoucherUrl: `${sandbox.url}/vouchers/${orderId}.pdf` });
  const refund = merchant.received.find((n) => n.kind === 'refund_result');
  expect(refund).toMatchObject({ orderId, refundOrderId: 'RF-9', refunded: true, refundAmount: '300.25' });
  const delivery = sandbox.notifications.list().find((d) => d.kind === 'refund_result')!;
  expect(delivery.state).toBe('delivered');
  expect(delivery.attempts).toHaveLength(1);
});
