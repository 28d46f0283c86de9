import { buildNotification } from '@etkit/notify/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkerConfig } from '../src/config.ts';
import { MEMORY_INBOX_WARNING } from '../src/inbox-warning.ts';
import worker, { createWorker } from '../src/worker.ts';
import { startCapturingSink } from './support.ts';

const SALT = 'worker-test-salt-91';
const endpoint = 'http://worker.test/notifications';

const post = (handler: (request: Request) => Promise<Response>, built: ReturnType<typeof buildNotification>) =>
  handler(new Request(endpoint, { method: 'POST', headers: { 'content-type': built.contentType }, body: built.body }));

describe('notify-worker on Node, in process', () => {
  let sink: Awaited<ReturnType<typeof startCapturingSink>>;
  beforeAll(async () => {
    sink = await startCapturingSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  it('forwards a verified notification to the HTTP sink once, however often ET delivers it', async () => {
    const handler = createWorker({ ET_NOTIFY_SALT: SALT, SINK_URL: sink.url, SINK_TOKEN: 't0ken' }, { log: () => {} });
    const built = buildNotification({ salt: SALT, kind: 'payment_result', fields: { order_id: 'ET-W-1' } });
    for (let delivery = 0; delivery < 3; delivery += 1) {
      const response = await post(handler, built);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ notify_result: 'OK' });
    }
    const forwarded = sink.received.filter((item) => item.body.orderId === 'ET-W-1');
    expect(forwarded).toHaveLength(1);
    const { sign: _sign, ...fields } = built.fields;
    expect(forwarded[0]!.body).toMatchObject({ kind: 'payment_result', orderId: 'ET-W-1', fields });
    expect(forwarded[0]!.body.fields).not.toHaveProperty('sign');
    expect(forwarded[0]!.headers['idempotency-key']).toBe(forwarded[0]!.body.idempotencyKey);
    expect(forwarded[0]!.headers.authorization).toBe('Bearer t0ken');
  });

  it('answers non-OK while the sink fails, so ET resends, and forwards on the resend', async () => {
    const handler = createWorker({ ET_NOTIFY_SALT: SALT, SINK_URL: sink.url }, { log: () => {} });
    const built = buildNotification({ salt: SALT, kind: 'order_status_change', fields: { order_id: 'ET-W-2' } });
    sink.failNext(1);
    const first = await post(handler, built);
    expect(first.status).toBe(500);
    expect(await first.json()).toMatchObject({ notify_result: 'FAIL', code: 'HANDLER_FAILED' });
    const second = await post(handler, built);
    expect(second.status).toBe(200);
    expect(sink.received.filter((item) => item.body.orderId === 'ET-W-2')).toHaveLength(1);
  });

  it('refuses a notification signed with another salt and forwards nothing', async () => {
    const handler = createWorker({ ET_NOTIFY_SALT: SALT, SINK_URL: sink.url }, { log: () => {} });
    const built = buildNotification({ salt: 'someone-else', fields: { order_id: 'ET-W-3' } });
    const response = await post(handler, built);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'SIGNATURE_INVALID' });
    expect(sink.received.some((item) => item.body.orderId === 'ET-W-3')).toBe(false);
  });

  it('accepts the previous salt during a rotation and answers a refund with its signed acknowledgement', async () => {
    const handler = createWorker(
      { ET_NOTIFY_SALT: 'new-salt', ET_NOTIFY_SALT_PREVIOUS: SALT, SINK_URL: sink.url },
      { log: () => {} },
    );
    const built = buildNotification({
      salt: SALT,
      kind: 'refund_result',
      encoding: 'multipart',
      fields: { order_id: 'ET-W-4' },
    });
    const response = await post(handler, built);
    expect(response.status).toBe(200);
    const ack = (await response.json()) as Record<string, string>;
    expect(ack).toMatchObject({ order_id: 'ET-W-4', notify_result: 'OK' });
    expect(ack.sign).toMatch(/^[0-9a-f]{32}$/);
  });

  // ET's signature, but no pay_datetime: @etkit/notify refuses it (ET resends), and the worker hands it to the
  // sink under its own key, so it is not gone after ET's last resend.
  const unreadableFields = { order_id: 'ET-W-6', pay_result: '1', pay_amount: '10.00', extend_info: 'note 7' };

  it('hands a verified but unreadable notification to the HTTP sink, and still refuses it', async () => {
    const handler = createWorker({ ET_NOTIFY_SALT: SALT, SINK_URL: sink.url }, { log: () => {} });
    const built = buildNotification({ salt: SALT, fields: unreadableFields });
    for (let delivery = 0; delivery < 2; delivery += 1) {
      const response = await post(handler, built);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ notify_result: 'FAIL', code: 'MALFORMED' });
    }
    const forwarded = sink.received.filter((item) => item.body.orderId === 'ET-W-6');
    expect(forwarded).toHaveLength(2); // each delivery, under one key: the sink deduplicates
    expect(forwarded[0]!.body).toMatchObject({
      kind: 'unreadable',
      notificationKind: 'payment_result',
      fields: unreadableFields,
      reason: expect.stringContaining('pay_datetime'),
    });
    expect(forwarded[0]!.body.idempotencyKey).toMatch(/^unreadable:payment_result:ET-W-6:[0-9a-f]{32}$/);
    expect(forwarded[1]!.headers['idempotency-key']).toBe(forwarded[0]!.body.idempotencyKey);
  });

  it('logs a verified but unreadable notification, redacted, when there is no SINK_URL', async () => {
    const lines: string[] = [];
    const handler = createWorker({ ET_NOTIFY_SALT: SALT }, { log: (line) => lines.push(line) });
    const built = buildNotification({ salt: SALT, fields: unreadableFields });
    expect((await post(handler, built)).status).toBe(400);
    const entry = JSON.parse(lines.find((line) => line.startsWith('{'))!);
    expect(entry).toMatchObject({
      event: 'et-notification-unreadable',
      notificationKind: 'payment_result',
      fields: { ...unreadableFields, extend_info: '[redacted]' },
    });
    expect(lines.join('\n')).not.toContain('note 7');
    expect(lines.join('\n')).not.toContain(built.fields.sign!);
  });

  // A re-cut forgery: a genuine failed payment of A whose extend_info carries a paid payment of another order, cut
  // so that the other order's fields come first and an unknown field swallows the rest. Same signed string.
  const at = '2026-11-28 10:00:00';
  const recutGenuine = {
    extend_info: `x&order_id=ET-W-VICTIM&pay_amount=99999.00&pay_datetime=${at}&pay_result=1&zz=`,
    order_id: 'ET-W-7',
    pay_amount: '1.00',
    pay_datetime: at,
    pay_result: '0',
  };
  const recutForged = {
    extend_info: 'x',
    order_id: 'ET-W-VICTIM',
    pay_amount: '99999.00',
    pay_datetime: at,
    pay_result: '1',
    zz: `&order_id=ET-W-7&pay_amount=1.00&pay_datetime=${at}&pay_result=0`,
  };
  const forgedDelivery = () => {
    const sign = buildNotification({ salt: SALT, kind: undefined, fields: recutGenuine }).fields.sign!;
    return buildNotification({
      salt: SALT,
      kind: undefined,
      fields: recutForged,
      tamper: { field: 'sign', value: sign },
    });
  };

  it('hands an ambiguous (re-cut) notification to the sink by its raw body alone, and refuses it', async () => {
    const handler = createWorker({ ET_NOTIFY_SALT: SALT, SINK_URL: sink.url }, { log: () => {} });
    const built = forgedDelivery();
    const response = await post(handler, built);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ notify_result: 'FAIL', code: 'AMBIGUOUS' });
    const forwarded = sink.received.filter((item) => item.body.notificationKind === 'ambiguous');
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0]!.body).toMatchObject({
      kind: 'unreadable',
      notificationKind: 'ambiguous',
      fields: {},
      rawBody: built.body,
      contentType: built.contentType,
    });
    expect(forwarded[0]!.body.orderId).toBeUndefined();
    expect(forwarded[0]!.body.idempotencyKey).toMatch(/^unreadable:ambiguous::[0-9a-f]{32}$/);
    expect(sink.received.some((item) => item.body.kind !== 'unreadable' && item.body.orderId === 'ET-W-VICTIM')).toBe(
      false,
    );
  });

  it('logs an ambiguous notification without its raw body', async () => {
    const lines: string[] = [];
    const handler = createWorker({ ET_NOTIFY_SALT: SALT }, { log: (line) => lines.push(line) });
    const built = forgedDelivery();
    expect((await post(handler, built)).status).toBe(400);
    const entry = JSON.parse(lines.find((line) => line.startsWith('{'))!);
    expect(entry).toMatchObject({ event: 'et-notification-unreadable', notificationKind: 'ambiguous', fields: {} });
    expect(entry.rawBody).toMatch(/^\[redacted: \d+ characters\]$/);
    expect(lines.join('\n')).not.toContain('ET-W-VICTIM');
  });

  it('without SINK_URL writes one log line per notification with the voucher URL and extend_info redacted', async () => {
    const lines: string[] = [];
    const handler = createWorker({ ET_NOTIFY_SALT: SALT }, { log: (line) => lines.push(line) });
    const voucher = 'https://vouchers.example.test/secret-token-123.pdf';
    const built = buildNotification({
      salt: SALT,
      kind: 'remittance_voucher',
      fields: { order_id: 'ET-W-5', remittance_voucher_url: voucher, extend_info: 'student 42' },
    });
    expect((await post(handler, built)).status).toBe(200);
    // The first line, written when the handler was built: no durable inbox (test/durable-inbox.test.ts).
    expect(lines).toHaveLength(2);
    expect(lines.shift()).toBe(MEMORY_INBOX_WARNING);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      event: 'et-notification',
      kind: 'remittance_voucher',
      orderId: 'ET-W-5',
      fields: { order_id: 'ET-W-5', remittance_voucher_url: '[redacted]', extend_info: '[redacted]' },
    });
    expect(lines[0]).not.toContain('secret-token-123');
    expect(lines[0]).not.toContain(built.fields.sign!);
    expect(lines[0]).not.toContain(SALT);
  });

  it('the default export answers health checks and reports missing bindings without revealing values', async () => {
    const health = await worker.fetch(new Request('http://worker.test/health'), { ET_NOTIFY_SALT: SALT });
    expect(await health.json()).toEqual({ ok: true, runtime: 'node' });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const response = await worker.fetch(new Request(endpoint, { method: 'POST', body: 'x=1' }), {
        SINK_URL: 'ftp://nope',
      });
      expect(response.status).toBe(500);
      const body = (await response.json()) as { code: string; message: string };
      expect(body.code).toBe('CONFIG_INVALID');
      expect(body.message).toContain('ET_NOTIFY_SALT is required');
      expect(body.message).toContain('SINK_URL must be an http(s) URL');
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect(() => readWorkerConfig({ ET_NOTIFY_SALT: SALT, SINK_URL: sink.url, SINK_TIMEOUT_MS: '0' })).toThrow(
      /SINK_TIMEOUT_MS/,
    );
  });
});
