import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/index.js';
import { testSandbox } from './helpers/sandbox.js';

let sandbox: Sandbox;
let base: string;

beforeAll(async () => {
  sandbox = await testSandbox();
  base = await sandbox.listen(0);
});
afterAll(() => sandbox.close());

describe('order ids taken from the path are looked up as data, not as object properties', () => {
  // Inherited property names of a plain object: none of them is an order.
  for (const id of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf']) {
    it(`"${id}" is not found on every route`, async () => {
      const control = await fetch(`${base}/sandbox/orders/${id}`);
      expect(control.status).toBe(404);
      expect(await control.json()).toEqual({ error: { code: 'ORDER_NOT_FOUND' } });
      const pay = await fetch(`${base}/pay/${id}`);
      expect(pay.status).toBe(404);
      expect(await pay.text()).toContain('There is no such order.');
      const voucher = await fetch(`${base}/vouchers/${id}.pdf`);
      expect(voucher.status).toBe(404);
      const action = await fetch(`${base}/sandbox/orders/${id}/pay`, { method: 'POST', body: '{}' });
      expect(action.status).toBe(404);
      expect(sandbox.orders.get(id)).toBeUndefined();
    });
  }
});

it('a control action named like an object property is not found', async () => {
  for (const action of ['constructor', 'tostring']) {
    const response = await fetch(`${base}/sandbox/orders/ET1/${action}`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
  }
});

describe('a path with a broken percent-escape is a bad request, not a server error', () => {
  for (const path of ['/pay/%E0%A4%A', '/vouchers/%ZZ.pdf', '/sandbox/orders/%C3%28', '/sandbox/orders/%/pay']) {
    it(path, async () => {
      const response = await fetch(`${base}${path}`, { method: path.endsWith('/pay') ? 'POST' : 'GET' });
      expect(response.status).toBe(400);
      // and the sandbox keeps serving
      expect((await fetch(`${base}/sandbox/health`)).status).toBe(200);
    });
  }
});

it('a clock advance past the last representable date is refused and leaves the clock usable', async () => {
  const before = sandbox.clock.now();
  const response = await fetch(`${base}/sandbox/clock/advance`, { method: 'POST', body: '{"ms":1e16}' });
  expect(response.status).toBe(400);
  expect(sandbox.clock.now() - before).toBeLessThan(60_000); // real time only, not 1e16 ms
  const ok = await fetch(`${base}/sandbox/clock/advance`, { method: 'POST', body: '{"ms":1000}' });
  expect(ok.status).toBe(200);
  expect(Date.parse((await ok.json()).now)).toBeGreaterThanOrEqual(before + 1000);
});
