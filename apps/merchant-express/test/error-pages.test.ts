import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import type { PaymentGateway } from '../src/gateway.js';
import { openTestDatabase } from './support/databases.js';
import { serve } from './support/serve.js';
import { signIn, testStaffAccess } from './support/staff.js';

const unusedGateway: PaymentGateway = {
  createOrder: () => Promise.reject(new Error('not expected in this test')),
  getPaymentUrl: () => Promise.reject(new Error('not expected in this test')),
  queryOrders: () => Promise.reject(new Error('not expected in this test')),
};

let site: Awaited<ReturnType<typeof serve>>;
let closeDb: () => Promise<void>;
let cookie: string;
const logs: string[] = [];

beforeAll(async () => {
  const { db, close } = await openTestDatabase('pglite');
  closeDb = close;
  // The order list's statement fails as a broken database would (with a message that quotes nothing safe to show).
  const failingList: Database = {
    ...db,
    kind: db.kind,
    query: (sql, params) =>
      /ORDER BY created_at DESC/.test(sql)
        ? Promise.reject(Object.assign(new Error('relation "orders" is broken: Mei Chen'), { code: 'XX001' }))
        : db.query(sql, params),
    exec: (script) => db.exec(script),
    transaction: (work) => db.transaction(work),
    exclusively: (lockId, work) => db.exclusively(lockId, work),
    close: () => db.close(),
  };
  const { app } = createApp({
    db: failingList,
    gateway: unusedGateway,
    publicUrl: 'https://pay.example.edu',
    notifySalts: ['unused-salt'],
    log: (line) => logs.push(line),
    staff: testStaffAccess(),
  });
  site = await serve(app);
  cookie = await signIn(site.url);
}, 60_000);

afterAll(async () => {
  await site?.close();
  await closeDb?.();
});

const inLayout = (page: string) => {
  expect(page).toContain('<link rel="stylesheet" href="/assets/style.css">');
  expect(page).toContain('<a class="brand" href="/orders">Campus Payments</a>');
};

describe('error pages in the site layout', () => {
  it('404 for an unknown page and an unknown order, with the navigation', async () => {
    for (const path of ['/no-such-page', '/orders/MO20260101000000000000', '/orders/MO20260101000000000000/row']) {
      const response = await fetch(`${site.url}${path}`, { headers: { cookie } });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await response.text();
      inLayout(page);
      expect(page).toContain('<h1>Not found</h1>');
      expect(page).toContain('Sign out');
    }
  });

  it('500 when a page fails: the layout, no detail of the error, a safe log line', async () => {
    const response = await fetch(`${site.url}/orders`, { headers: { cookie } });
    expect(response.status).toBe(500);
    const page = await response.text();
    inLayout(page);
    expect(page).toContain('<h1>Something went wrong</h1>');
    expect(page).not.toContain('Mei Chen');
    expect(page).not.toContain('XX001');
    expect(logs).toContain('request failed: Error XX001');
  });

  it('an anonymous visitor of an unknown page is sent to sign in first', async () => {
    const response = await fetch(`${site.url}/no-such-page`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/login/);
  });
});
