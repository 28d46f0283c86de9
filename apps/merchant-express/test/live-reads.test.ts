import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import type { PaymentGateway } from '../src/gateway.js';
import { insertOrder, markOrderCreated } from '../src/orders/repository.js';
import { countingOrderReads } from './support/counting-database.js';
import { openTestDatabase } from './support/databases.js';
import { openEventStream } from './support/event-stream.js';
import { serve } from './support/serve.js';
import { signIn, testStaffAccess } from './support/staff.js';

const unusedGateway: PaymentGateway = {
  createOrder: () => Promise.reject(new Error('not expected in this test')),
  getPaymentUrl: () => Promise.reject(new Error('not expected in this test')),
  queryOrders: () => Promise.reject(new Error('not expected in this test')),
};

let raw: Database;
let closeDb: () => Promise<void>;
let counting: ReturnType<typeof countingOrderReads>;
let site: Awaited<ReturnType<typeof serve>>;
let publish: (merchantOrderId: string) => void;
let cookie: string;

const watched = 'MO20261205000000000001';
const other = 'MO20261205000000000002';

beforeAll(async () => {
  ({ db: raw, close: closeDb } = await openTestDatabase('pglite'));
  for (const [id, et] of [
    [watched, 'ETLIVE1'],
    [other, 'ETLIVE2'],
  ] as const) {
    await insertOrder(raw, id, {
      studentFirstName: 'Mei',
      studentLastName: 'Chen',
      studentEmail: 'mei@example.test',
      schoolName: 'University of Edinburgh',
      countryCode: 'GBR',
      feeType: 7,
      amount: '9500.00',
      currencyCode: 'GBP',
    });
    await markOrderCreated(raw, id, et);
  }
  counting = countingOrderReads(raw);
  const { app, updates } = createApp({
    db: counting.db,
    gateway: unusedGateway,
    publicUrl: 'https://pay.example.edu',
    notifySalts: ['unused-salt'],
    log: () => {},
    staff: testStaffAccess(),
    maxLiveConnections: 500,
    maxLiveConnectionsPerSession: 500,
  });
  publish = (id) => updates.publish(id);
  site = await serve(app);
  cookie = await signIn(site.url);
}, 60_000);

afterAll(async () => {
  await site?.close();
  await closeDb?.();
});

describe('live updates cost one database read per change, whatever the number of streams', () => {
  for (const streams of [1, 10, 100]) {
    it(`${streams} stream(s) watching the order: one change, one read, every stream told`, async () => {
      const opened = await Promise.all(
        Array.from({ length: streams }, () => openEventStream(`${site.url}/events?orders=${watched}`, { cookie })),
      );
      try {
        // Each stream first gets the order's current state; then the count starts.
        await Promise.all(opened.map((stream) => stream.next((event) => event.merchantOrderId === watched)));
        counting.reset();
        await raw.query('UPDATE orders SET status = 1 WHERE merchant_order_id = $1', [watched]);
        publish(watched);
        const told = await Promise.all(
          opened.map((stream) => stream.next((event) => event.merchantOrderId === watched && event.status === 1)),
        );
        expect(told).toHaveLength(streams);
        expect(counting.reads()).toBe(1);
        await raw.query('UPDATE orders SET status = 0 WHERE merchant_order_id = $1', [watched]);
      } finally {
        for (const stream of opened) stream.close();
      }
    });
  }
});

describe('a stream is told about the orders it asked for, and only those', () => {
  it('a change to an order no stream watches costs no read; a stream watching another order hears nothing of it', async () => {
    const watchingOther = await openEventStream(`${site.url}/events?orders=${other}`, { cookie });
    try {
      await watchingOther.next((event) => event.merchantOrderId === other);
      counting.reset();
      publish('MO20261205999999999999');
      publish(watched);
      // The hub reads in order: once `other` has been read and told after these, the earlier ones are done.
      publish(other);
      await watchingOther.next((event) => event.merchantOrderId === other && watchingOther.events.length >= 2);
      expect(counting.reads()).toBe(1);
      expect(watchingOther.events.every((event) => event.merchantOrderId === other)).toBe(true);
    } finally {
      watchingOther.close();
    }
  });
});

describe('what one stream, and one session, may ask for is bounded', () => {
  const get = (query: string) => fetch(`${site.url}/events${query}`, { headers: { cookie } });

  it('more than 100 orders, or a malformed id: 400; no orders at all: 204 (EventSource stops)', async () => {
    const many = Array.from({ length: 101 }, (_, index) => `MO${index}`).join(',');
    expect((await get(`?orders=${many}`)).status).toBe(400);
    expect((await get('?orders=MO1,%3Cscript%3E')).status).toBe(400);
    expect((await get('?orders=MO1&orders=MO2')).status).toBe(400);
    expect((await get(`?orders=${'M'.repeat(65)}`)).status).toBe(400);
    expect((await get('')).status).toBe(204);
    expect((await get('?orders=')).status).toBe(204);
  });
});

describe('live event streams are bounded per session and in all', () => {
  it('a session beyond its streams gets 429; past the total, 503; a closed stream frees its place', async () => {
    const { app } = createApp({
      db: raw,
      gateway: unusedGateway,
      publicUrl: 'https://pay.example.edu',
      notifySalts: ['unused-salt'],
      log: () => {},
      staff: testStaffAccess(),
      maxLiveConnections: 3,
      maxLiveConnectionsPerSession: 2,
    });
    const site = await serve(app);
    const [alice, bob] = [await signIn(site.url), await signIn(site.url)];
    const url = `${site.url}/events?orders=MO1`;
    const first = await openEventStream(url, { cookie: alice });
    const second = await openEventStream(url, { cookie: alice });
    const third = await openEventStream(url, { cookie: alice });
    expect([first.response.status, second.response.status, third.response.status]).toEqual([200, 200, 429]);
    const fourth = await openEventStream(url, { cookie: bob });
    expect(fourth.response.status).toBe(200);
    const fifth = await openEventStream(url, { cookie: bob });
    expect(fifth.response.status).toBe(503);
    expect(fifth.response.headers.get('retry-after')).not.toBeNull();
    first.close();
    // The server sees the close asynchronously.
    let again = await openEventStream(url, { cookie: alice });
    for (let tries = 0; again.response.status !== 200 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      again = await openEventStream(url, { cookie: alice });
    }
    expect(again.response.status).toBe(200);
    for (const stream of [second, third, fourth, fifth, again]) stream.close();
    await site.close();
  });
});
