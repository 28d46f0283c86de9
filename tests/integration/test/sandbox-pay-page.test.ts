import type { Sandbox } from '@etkit/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientFor } from './helpers/client.js';
import { sampleOrder, testSandbox } from './helpers/sandbox.js';

let sandbox: Sandbox;
let base: string;
beforeAll(async () => {
  sandbox = await testSandbox({ fetch: (async () => new Response('{"notify_result":"OK"}')) as typeof fetch });
  base = await sandbox.listen(0);
});
afterAll(() => sandbox.close());

it('Fail keeps the order waiting; a missing order is a 404 page; the voucher is a PDF', async () => {
  const client = clientFor(sandbox, `${base}/server`);
  const { orderId } = await client.createOrder({ ...sampleOrder, merchant_order_id: 'M-PAGE' });
  const page = await fetch(`${base}/pay/${orderId}`);
  expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  const failed = await fetch(`${base}/pay/${orderId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'action=fail',
  });
  expect(failed.status).toBe(200); // no back_jump_url: a result page
  expect(await failed.text()).toContain('Payment failed');
  expect(sandbox.orders.get(orderId!)!.status).toBe(0);
  const bogus = await fetch(`${base}/pay/${orderId}`, { method: 'POST', body: 'action=steal' });
  expect(bogus.status).toBe(400);
  const missing = await fetch(`${base}/pay/%3Cscript%3E`);
  expect(missing.status).toBe(404);
  expect(await missing.text()).not.toContain('<script>');

  const voucher = await fetch(`${base}/vouchers/${orderId}.pdf`);
  expect(voucher.headers.get('content-type')).toBe('application/pdf');
  expect((await voucher.text()).startsWith('%PDF-1.4')).toBe(true);
});

it('test-control HTTP API: pay, advance, clock, faults, notifications', async () => {
  const client = clientFor(sandbox, `${base}/server`);
  const { orderId } = await client.createOrder({ ...sampleOrder, merchant_order_id: 'M-CONTROL' });
  const post = (path: string, body?: unknown) =>
    fetch(`${base}${path}`, { method: 'POST', body: body === undefined ? '' : JSON.stringify(body) });
  expect((await (await post(`/sandbox/orders/${orderId}/pay`)).json()).order.status).toBe(1);
  expect((await (await post(`/sandbox/orders/${orderId}/advance`)).json()).order.status).toBe(2);
  expect((await post(`/sandbox/orders/${orderId}/pay`)).status).toBe(409);
  expect((await post('/sandbox/orders/ET0/pay')).status).toBe(404);
  expect((await post('/sandbox/clock/advance', { ms: 1000 })).status).toBe(200);
  expect((await post('/sandbox/clock/advance', { ms: -1 })).status).toBe(400);
  expect((await post('/sandbox/faults', { fault: { httpStatus: 200 } })).status).toBe(400);
  expect((await (await fetch(`${base}/sandbox/orders`)).json()).orders.length).toBeGreaterThan(0);
  expect(await (await fetch(`${base}/sandbox/health`)).json()).toEqual({ ok: true });
  expect(Array.isArray((await (await fetch(`${base}/sandbox/notifications`)).json()).notifications)).toBe(true);
});

it("names the order's fee type with the label the merchant's pages use, for published and merchant codes", async () => {
  const client = clientFor(sandbox, `${base}/server`);
  const rowOf = async (merchantOrderId: string, feeTypeList: Array<{ fee_type: number; fee_type_desc: string }>) => {
    const { orderId } = await client.createOrder({
      ...sampleOrder,
      merchant_order_id: merchantOrderId,
      fee_type_list: feeTypeList,
    });
    const page = await (await fetch(`${base}/pay/${orderId}`)).text();
    return {
      feeType: /<dt>Fee type<\/dt><dd>([^<]*)<\/dd>/.exec(page)?.[1],
      amount: /<dt>Amount<\/dt><dd>([^<]*)<\/dd>/.exec(page)?.[1],
      tuitionRow: page.includes('<dt>Tuition</dt>'),
    };
  };
  expect(await rowOf('M-FEE-7', [{ fee_type: 7, fee_type_desc: '房租' }])).toEqual({
    feeType: 'Rent (房租)',
    amount: `${sampleOrder.tuituon} ${sampleOrder.currency_code}`,
    tuitionRow: false,
  });
  expect((await rowOf('M-FEE-12', [{ fee_type: 12, fee_type_desc: 'Tuition (学费)' }])).feeType).toBe('Tuition (学费)');
});
