import { randomBytes } from 'node:crypto';
import { buildNotification } from '@etkit/notify/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import type { PaymentGateway } from '../src/gateway.js';
import { SessionSigner } from '../src/login/sessions.js';
import { insertOrder, markOrderCreated } from '../src/orders/repository.js';
import { safeNext } from '../src/routes/login.js';
import { openTestDatabase } from './support/databases.js';
import { serve } from './support/serve.js';
import { signIn, TEST_STAFF, testStaffAccess } from './support/staff.js';

const SALT = 'login-test-salt';
const unusedGateway: PaymentGateway = {
  createOrder: () => Promise.reject(new Error('not expected in this test')),
  getPaymentUrl: () => Promise.reject(new Error('not expected in this test')),
  queryOrders: () => Promise.reject(new Error('not expected in this test')),
};
const ORDER = 'MO20261205000000000042';

let db: Database;
let closeDb: () => Promise<void>;
let site: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  ({ db, close: closeDb } = await openTestDatabase('pglite'));
  await insertOrder(db, ORDER, {
    studentFirstName: 'Mei',
    studentLastName: 'Chen',
    studentEmail: 'mei@example.test',
    schoolName: 'University of Edinburgh',
    countryCode: 'GBR',
    feeType: 7,
    amount: '9500.00',
    currencyCode: 'GBP',
  });
  await markOrderCreated(db, ORDER, 'ETLOGIN1');
  const { app } = createApp({
    db,
    gateway: unusedGateway,
    publicUrl: 'https://pay.example.edu',
    notifySalts: [SALT],
    log: () => {},
    staff: testStaffAccess(),
  });
  site = await serve(app);
}, 60_000);
afterAll(async () => {
  await site?.close();
  await closeDb?.();
});

const get = (path: string, cookie?: string) =>
  fetch(`${site.url}${path}`, { redirect: 'manual', headers: cookie === undefined ? {} : { cookie } });
const postLogin = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${site.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });

describe('staff pages and live events need a sign-in', () => {
  it('anonymous: pages redirect to /login (remembering where to go back), /events and form posts get 401', async () => {
    for (const path of ['/orders', '/orders/new', `/orders/${ORDER}`]) {
      const response = await get(path);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    expect((await get(`/events?orders=${ORDER}`)).status).toBe(401);
    const post = await fetch(`${site.url}/orders`, { method: 'POST', redirect: 'manual' });
    expect(post.status).toBe(401);
    const pay = await fetch(`${site.url}/orders/${ORDER}/pay`, { method: 'POST', redirect: 'manual' });
    expect(pay.status).toBe(401);
    // Nothing of an order leaks on the way.
    expect(await (await get(`/orders/${ORDER}`)).text()).not.toContain('Mei');
  });

  it('signed in: the pages and /events work; the cookie is HttpOnly, SameSite=Lax, Secure (https public URL)', async () => {
    const response = await postLogin({ ...TEST_STAFF, next: `/orders/${ORDER}` });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/orders/${ORDER}`);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; Path=\//);
    const cookie = setCookie.split(';')[0]!;
    const page = await get(`/orders/${ORDER}`, cookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Mei Chen');
    const controller = new AbortController();
    const events = await fetch(`${site.url}/events?orders=${ORDER}`, {
      headers: { cookie },
      signal: controller.signal,
    });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    controller.abort();
  });

  it('a wrong password or user name is refused (401, no cookie), and so is every other try once 10 failed', async () => {
    const wrongPassword = await postLogin({ user: TEST_STAFF.user, password: `${TEST_STAFF.password}!` });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
    expect(await wrongPassword.text()).toContain('Wrong user name or password.');
    const wrongUser = await postLogin({ user: 'Bursar', password: TEST_STAFF.password });
    expect(wrongUser.status).toBe(401);
    expect((await postLogin({ user: TEST_STAFF.user, password: '' })).status).toBe(401);
  });

  it('a cookie that is altered anywhere, or forged with another key, is refused', async () => {
    const cookie = await signIn(site.url);
    const [name, value] = cookie.split('=') as [string, string];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    await fc.assert(
      fc.asyncProperty(fc.nat(value.length - 1), fc.constantFrom(...alphabet), async (index, replacement) => {
        fc.pre(value[index] !== replacement);
        const altered = `${value.slice(0, index)}${replacement}${value.slice(index + 1)}`;
        expect((await get('/orders', `${name}=${altered}`)).status).toBe(303);
      }),
      { numRuns: 40 },
    );
    // The signature's last base64url character carries 2 unused bits: a sibling character decodes to the same
    // bytes, and must still be refused (found by the property above).
    const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = b64.indexOf(value.at(-1)!);
    const sibling = `${value.slice(0, -1)}${b64[last ^ 1]}`;
    expect(Buffer.from(sibling.split('.')[1]!, 'base64url')).toEqual(Buffer.from(value.split('.')[1]!, 'base64url'));
    expect((await get('/orders', `${name}=${sibling}`)).status).toBe(303);
    const forged = new SessionSigner(randomBytes(32)).issue(TEST_STAFF.user).value;
    expect((await get('/orders', `${name}=${forged}`)).status).toBe(303);
  });

  it('sign-out ends the session: the same cookie no longer opens a page', async () => {
    const cookie = await signIn(site.url);
    expect((await get('/orders', cookie)).status).toBe(200);
    const out = await fetch(`${site.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie } });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await get('/orders', cookie)).status).toBe(303);
  });

  it('sign-in posts from another site are refused (login CSRF), and `next` never leaves the site', async () => {
    expect((await postLogin({ ...TEST_STAFF }, { origin: 'https://evil.example' })).status).toBe(403);
    for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '']) {
      expect(safeNext(next)).toBe('/orders');
    }
    expect(safeNext('/orders/MO1?x=1')).toBe('/orders/MO1?x=1');
    const response = await postLogin({ ...TEST_STAFF, next: '//evil.example/' });
    expect(response.headers.get('location')).toBe('/orders');
  });
});

describe('what stays open', () => {
  it('the notification endpoint works without a sign-in (the signature admits it); so do /health and assets', async () => {
    const built = buildNotification({ salt: SALT, kind: 'payment_result', fields: { order_id: 'ETLOGIN1' } });
    const response = await fetch(`${site.url}/notifications`, {
      method: 'POST',
      headers: { 'content-type': built.contentType },
      body: built.body,
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(await response.text())).toMatchObject({ notify_result: 'OK' });
    const [order] = await db.query<{ status: number }>('SELECT status FROM orders WHERE merchant_order_id = $1', [
      ORDER,
    ]);
    expect(order?.status).toBe(1);
    expect((await get('/health')).status).toBe(200);
    expect((await get('/assets/style.css')).status).toBe(200);
    expect((await get('/login')).status).toBe(200);
  });
});

describe('sessions', () => {
  it('expire, and carry the user they were issued for', () => {
    const signer = new SessionSigner(randomBytes(32), 1000);
    const { value, session } = signer.issue('bursar', 10_000);
    expect(signer.verify(value, 10_500)).toEqual(session);
    expect(signer.verify(value, 11_000)).toBeUndefined();
  });
});

describe('guessing is slow', () => {
  it('after 10 failed sign-ins from one address, even the right password is refused with 429', async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      await postLogin({ user: TEST_STAFF.user, password: `guess-${attempt}` });
    }
    const right = await postLogin({ ...TEST_STAFF });
    expect(right.status).toBe(429);
    expect(right.headers.get('set-cookie')).toBeNull();
  });
});
