import { fileURLToPath } from 'node:url';
import { signedAcknowledgement } from '@etkit/notify';
import { buildNotification } from '@etkit/notify/testing';
import { type RunningWorker, startWorkerd } from '@etkit/runtime-harness/workerd';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMORY_INBOX_WARNING } from '../src/inbox-warning.ts';
import { type CapturingSink, expectNotificationExchange, startCapturingSink } from './support.ts';

/**
 * src/worker.ts, bundled as a Cloudflare Workers deployment would be and served by workerd (the Workers
 * runtime) with its bindings as text bindings, without the nodejs_compat flag.
 */
const entry = fileURLToPath(new URL('../src/worker.ts', import.meta.url));
const SALT = 'workerd-salt-7a2';

const post = async (url: string, built: ReturnType<typeof buildNotification>) => {
  const response = await fetch(`${url}/notifications`, {
    method: 'POST',
    headers: { 'content-type': built.contentType },
    body: built.body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
};

describe('notify-worker on workerd, forwarding to an HTTP sink', () => {
  let sink: CapturingSink;
  let worker: RunningWorker;

  beforeAll(async () => {
    sink = await startCapturingSink();
    // The sink listens on 127.0.0.1, which workerd's default outbound network refuses.
    worker = await startWorkerd({
      entry,
      bindings: { ET_NOTIFY_SALT: SALT, SINK_URL: sink.url },
      loopbackOutbound: true,
    });
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await sink?.close();
  });

  it('identifies the runtime as workerd', async () => {
    expect(await (await fetch(`${worker.url}/health`)).json()).toEqual({ ok: true, runtime: 'workerd' });
  });

  it('verifies each body encoding, acknowledges, forwards once and refuses a forged notification', async () => {
    await expectNotificationExchange(worker.url, sink, SALT);
  });
});

describe('notify-worker on workerd, writing to the log', () => {
  let worker: RunningWorker;

  beforeAll(async () => {
    worker = await startWorkerd({ entry, bindings: { ET_NOTIFY_SALT: SALT } });
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
  });

  /** workerd writes console.log to its stdout; waits for the JSON lines of forwarded notifications. */
  async function loggedNotifications(count: number): Promise<Record<string, unknown>[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const lines = worker
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{"event":"et-notification"'));
      if (lines.length >= count || Date.now() > deadline) return lines.map((line) => JSON.parse(line));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('acknowledges a valid notification and logs it redacted; refuses a tampered one', async () => {
    const payment = buildNotification({
      salt: SALT,
      kind: 'payment_result',
      fields: { order_id: 'ET-W-1', extend_info: 'tuition for L. Wang' },
    });
    const tampered = buildNotification({
      salt: SALT,
      kind: 'payment_result',
      fields: { order_id: 'ET-W-2' },
      tamper: { field: 'pay_amount', value: '1.00' },
    });
    const refund = buildNotification({ salt: SALT, kind: 'refund_result', fields: { order_id: 'ET-W-3' } });

    expect(await post(worker.url, payment)).toEqual({ status: 200, body: { notify_result: 'OK' } });
    const refused = await post(worker.url, tampered);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('SIGNATURE_INVALID');
    expect(await post(worker.url, refund)).toEqual({ status: 200, body: signedAcknowledgement('ET-W-3', SALT) });

    const logged = await loggedNotifications(2);
    expect(logged.map((line) => line.orderId)).toEqual(['ET-W-1', 'ET-W-3']);
    expect(logged[0]).toMatchObject({
      kind: 'payment_result',
      idempotencyKey: expect.stringMatching(/^payment_result:ET-W-1:[0-9a-f]{32}$/),
      fields: { order_id: 'ET-W-1', pay_amount: '10000.00', extend_info: '[redacted]' },
    });
    expect(worker.output()).toContain('notification refused: SIGNATURE_INVALID');
    // Workers have no start of their own: the isolate says it at its first request, once.
    expect(worker.output().split(MEMORY_INBOX_WARNING)).toHaveLength(2);
    for (const secret of [SALT, 'tuition for L. Wang', payment.fields.sign!]) {
      expect(worker.output()).not.toContain(secret);
    }
  });
});

describe('notify-worker on workerd without its salt binding', () => {
  let worker: RunningWorker;

  beforeAll(async () => {
    worker = await startWorkerd({ entry });
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
  });

  it('answers 500 CONFIG_INVALID naming the missing binding, so ET keeps resending', async () => {
    const answer = await post(worker.url, buildNotification({ salt: SALT }));
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ notify_result: 'FAIL', code: 'CONFIG_INVALID' });
    expect(answer.body.message).toContain('ET_NOTIFY_SALT');
  });
});
