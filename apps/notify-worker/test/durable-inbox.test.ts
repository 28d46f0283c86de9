// What the worker does with and without a durable inbox: without one it says so when it starts; with a D1 binding
// (INBOX_D1, here a stand-in over real SQLite) a restart or a replay a day later does not reach the sink again.
import { buildNotification } from '@etkit/notify/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MEMORY_INBOX_WARNING } from '../src/inbox-warning.ts';
import worker, { createWorker } from '../src/worker.ts';
import { createD1StandIn, type D1StandIn } from './d1-standin.ts';
import { type CapturingSink, startCapturingSink } from './support.ts';

const SALT = 'durable-inbox-salt-4c';
const endpoint = 'http://worker.test/notifications';

const post = (handler: (request: Request) => Promise<Response>, built: ReturnType<typeof buildNotification>) =>
  handler(new Request(endpoint, { method: 'POST', headers: { 'content-type': built.contentType }, body: built.body }));

let sink: CapturingSink;
const databases: D1StandIn[] = [];
beforeAll(async () => {
  sink = await startCapturingSink();
});
afterAll(async () => {
  await sink.close();
  for (const db of databases) db.close();
});
afterEach(() => {
  vi.useRealTimers();
});

async function d1(schedule?: (call: number) => number) {
  const db = await createD1StandIn(schedule);
  databases.push(db);
  return db;
}
const forwardedFor = (orderId: string) => sink.received.filter((item) => item.body.orderId === orderId);

describe('without a durable inbox', () => {
  it('says so once, when the handler is built, naming the restart and the replay', () => {
    const lines: string[] = [];
    createWorker({ ET_NOTIFY_SALT: SALT }, { log: (line) => lines.push(line) });
    expect(lines).toEqual([MEMORY_INBOX_WARNING]);
    expect(MEMORY_INBOX_WARNING).toMatch(/^notify-worker: WARNING no durable inbox/);
    expect(MEMORY_INBOX_WARNING).toContain('after a restart');
    expect(MEMORY_INBOX_WARNING).toContain('replayed a day later');
    expect(MEMORY_INBOX_WARNING).toContain('INBOX_D1');
  });

  it('forwards the same notification again after a restart: the risk the warning names', async () => {
    const built = buildNotification({ salt: SALT, kind: 'payment_result', fields: { order_id: 'ET-MEM-1' } });
    const env = { ET_NOTIFY_SALT: SALT, SINK_URL: sink.url };
    expect((await post(createWorker(env, { log: () => {} }), built)).status).toBe(200);
    expect((await post(createWorker(env, { log: () => {} }), built)).status).toBe(200);
    expect(forwardedFor('ET-MEM-1')).toHaveLength(2);
  });

  it('does not warn when the caller passes an inbox of its own', () => {
    const lines: string[] = [];
    const inbox = { claim: async () => 'claimed' as const, complete: async () => {}, release: async () => {} };
    createWorker({ ET_NOTIFY_SALT: SALT }, { inbox, log: (line) => lines.push(line) });
    expect(lines).toEqual([]);
  });
});

describe('with a D1 inbox (INBOX_D1)', () => {
  it('does not warn', async () => {
    const lines: string[] = [];
    createWorker({ ET_NOTIFY_SALT: SALT, INBOX_D1: await d1() }, { log: (line) => lines.push(line) });
    expect(lines).toEqual([]);
  });

  it('answers a resend after a restart, and a replay a day later, OK without forwarding again', async () => {
    const db = await d1();
    const env = () => ({ ET_NOTIFY_SALT: SALT, SINK_URL: sink.url, INBOX_D1: db });
    const built = buildNotification({ salt: SALT, kind: 'payment_result', fields: { order_id: 'ET-D1-1' } });
    const first = await post(createWorker(env(), { log: () => {} }), built);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ notify_result: 'OK' });

    // A restart: a new handler (new isolate, new process) over the same database.
    const afterRestart = await post(createWorker(env(), { log: () => {} }), built);
    expect(afterRestart.status).toBe(200);
    expect(await afterRestart.json()).toEqual({ notify_result: 'OK' });

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 24 * 60 * 60_000);
    const replay = await post(createWorker(env(), { log: () => {} }), built);
    expect(replay.status).toBe(200);
    expect(forwardedFor('ET-D1-1')).toHaveLength(1);
  });

  it('forwards once when many deliveries of one notification reach several isolates at the same time', async () => {
    const db = await d1((call) => (call * 7) % 4);
    const handlers = Array.from({ length: 3 }, () =>
      createWorker({ ET_NOTIFY_SALT: SALT, SINK_URL: sink.url, INBOX_D1: db }, { log: () => {} }),
    );
    const built = buildNotification({ salt: SALT, kind: 'refund_result', fields: { order_id: 'ET-D1-2' } });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, index) => post(handlers[index % 3]!, built)));
    // The one that claimed it answers OK once forwarded; the others either saw it done (OK) or in progress
    // (non-OK, so ET resends). None forwards it a second time.
    const statuses = answers.map((answer) => answer.status);
    expect(statuses).toContain(200);
    expect(statuses.filter((status) => status !== 200 && status !== 409)).toEqual([]);
    for (const answer of answers.filter((candidate) => candidate.status === 409)) {
      expect(await answer.json()).toMatchObject({ code: 'IN_PROGRESS' });
    }
    const resend = await post(handlers[0]!, built);
    expect(resend.status).toBe(200);
    expect(forwardedFor('ET-D1-2')).toHaveLength(1);
  });

  it('forwards on the resend when the sink failed the first time (the claim is released)', async () => {
    const db = await d1();
    const handler = createWorker({ ET_NOTIFY_SALT: SALT, SINK_URL: sink.url, INBOX_D1: db }, { log: () => {} });
    const built = buildNotification({ salt: SALT, kind: 'order_status_change', fields: { order_id: 'ET-D1-3' } });
    sink.failNext(1);
    expect((await post(handler, built)).status).toBe(500);
    expect((await post(handler, built)).status).toBe(200);
    expect((await post(handler, built)).status).toBe(200);
    expect(forwardedFor('ET-D1-3')).toHaveLength(1);
  });

  it('refuses an INBOX_D1 that is not a D1 binding (a text variable by mistake), naming it', async () => {
    const response = await worker.fetch(new Request('http://worker.test/notifications', { method: 'POST' }), {
      ET_NOTIFY_SALT: SALT,
      INBOX_D1: 'my-database',
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('INBOX_D1'),
    });
  });
});
