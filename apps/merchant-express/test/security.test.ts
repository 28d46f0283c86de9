import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import type { PaymentGateway } from '../src/gateway.js';
import { openTestDatabase } from './support/databases.js';
import { serve } from './support/serve.js';
import { signIn, testStaffAccess } from './support/staff.js';

// No test here reaches ET: a gateway call would be a bug.
const unusedGateway: PaymentGateway = {
  createOrder: () => Promise.reject(new Error('not expected in this test')),
  getPaymentUrl: () => Promise.reject(new Error('not expected in this test')),
  queryOrders: () => Promise.reject(new Error('not expected in this test')),
};

let db: Database;
let closeDb: () => Promise<void>;
let site: Awaited<ReturnType<typeof serve>>;
/** A signed-in staff member's cookie: the CSRF guard must hold for them too (their browser sends it). */
let cookie: string;

beforeAll(async () => {
  ({ db, close: closeDb } = await openTestDatabase('pglite'));
  const { app } = createApp({
    db,
    gateway: unusedGateway,
    publicUrl: 'https://pay.example.edu',
    notifySalts: ['unused-salt'],
    log: () => {},
    staff: testStaffAccess(),
    maxLiveConnections: 2,
  });
  site = await serve(app);
  cookie = await signIn(site.url);
}, 60_000);
afterAll(async () => {
  await site.close();
  await closeDb();
});

const postForm = (path: string, headers: Record<string, string>) =>
  fetch(`${site.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
    body: 'studentFirstName=A',
    redirect: 'manual',
  });

describe('state-changing form posts from another site are refused (CSRF)', () => {
  const crossSite: Array<[string, Record<string, string>]> = [
    // A sandboxed iframe, a data: URL or a no-referrer page on an attacker's site posts with `Origin: null`.
    ['Origin: null', { origin: 'null' }],
    ['Origin: null, Sec-Fetch-Site: cross-site', { origin: 'null', 'sec-fetch-site': 'cross-site' }],
    ['another origin', { origin: 'https://evil.example' }],
    ['no Origin, Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['no Origin, Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
  ];
  for (const [name, headers] of crossSite) {
    it(`${name}: 403 on POST /orders and POST /orders/:id/pay`, async () => {
      expect((await postForm('/orders', headers)).status).toBe(403);
      expect((await postForm('/orders/MO1/pay', headers)).status).toBe(403);
    });
  }

  const sameSite: Array<[string, Record<string, string>]> = [
    ['the public origin', { origin: 'https://pay.example.edu', 'sec-fetch-site': 'same-origin' }],
    ['the origin of the Host reached', { origin: 'SELF' }],
    ['a client that sends neither header (curl)', {}],
    ['no Origin, Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
  ];
  for (const [name, headers] of sameSite) {
    it(`${name}: the form is processed (400: it is incomplete)`, async () => {
      const resolved = headers.origin === 'SELF' ? { origin: site.url } : headers;
      expect((await postForm('/orders', resolved)).status).toBe(400);
    });
  }
});

describe('live updates hold a bounded number of event streams', () => {
  it('refuses a stream beyond the limit with 503, and accepts again once one closes', async () => {
    const open = async () => {
      const controller = new AbortController();
      const response = await fetch(`${site.url}/events?orders=MO1`, { headers: { cookie }, signal: controller.signal });
      return { response, close: () => controller.abort() };
    };
    const first = await open();
    const second = await open();
    expect(first.response.status).toBe(200);
    expect(second.response.status).toBe(200);
    const third = await open();
    expect(third.response.status).toBe(503);
    expect(third.response.headers.get('retry-after')).not.toBeNull();
    third.close();
    first.close();
    // The server sees the close asynchronously.
    let again = await open();
    for (let tries = 0; again.response.status !== 200 && tries < 50; tries++) {
      again.close();
      await new Promise((resolve) => setTimeout(resolve, 20));
      again = await open();
    }
    expect(again.response.status).toBe(200);
    again.close();
    second.close();
  });
});

describe('pages with personal data are not stored by caches', () => {
  it('HTML pages say no-store; static assets stay cacheable', async () => {
    for (const path of ['/orders', '/orders/new']) {
      const response = await fetch(`${site.url}${path}`, { headers: { cookie } });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    const asset = await fetch(`${site.url}/assets/style.css`);
    expect(asset.headers.get('cache-control')).toContain('max-age=3600');
  });
});
