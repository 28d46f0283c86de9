import { EtkitClientError } from '@etkit/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/index.js';
import { clientFor } from './helpers/client.js';
import { manualTimeSource, sampleOrder, testSandbox } from './helpers/sandbox.js';

let sandbox: Sandbox;
let url: string;
const code = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof EtkitClientError ? error.code : String(error)),
  );

beforeAll(async () => {
  sandbox = await testSandbox();
  url = `${await sandbox.listen(0)}/server`;
});
afterAll(() => sandbox.close());

describe('API faults, one-shot and standing, over HTTP and in process', () => {
  it('wrong signature → the client refuses the response', async () => {
    const client = clientFor(sandbox, url);
    sandbox.injectFault({ wrongSignature: true });
    expect(await code(client.getRate({}))).toBe('SIGNATURE_INVALID');
    expect(await code(client.getRate({}))).toBe('resolved'); // one-shot: used up
  });

  it('5xx → TRANSPORT error, no envelope', async () => {
    const client = clientFor(sandbox, url);
    sandbox.injectFault({ httpStatus: 502 }, { merchantNumber: sandbox.merchants[0]!.merchantNumber });
    expect(await code(client.getRate({}))).toBe('TRANSPORT');
  });

  it('dropped connection, over HTTP and in process', async () => {
    sandbox.injectFault({ dropConnection: true }, { count: 2 });
    expect(await code(clientFor(sandbox, url).getRate({}))).not.toBe('resolved');
    expect(await code(clientFor(sandbox, 'http://x/server', sandbox.transport).getRate({}))).not.toBe('resolved');
    expect(await code(clientFor(sandbox, url).getRate({}))).toBe('resolved');
  });

  it('delay → the client times out', async () => {
    const merchant = sandbox.merchants[0]!;
    merchant.faults = { delayMs: 2_000 };
    const { createClient } = await import('@etkit/client');
    const slow = createClient({
      environment: url,
      merchantNumber: merchant.merchantNumber,
      subMerchantNumber: merchant.subMerchantNumbers[0]!,
      keys: { merchantPrivateKey: merchant.privateKeyPem!, etPublicKey: sandbox.etPublicKeyPem },
      timeoutMs: 200,
      retry: false,
    });
    expect(await code(slow.getRate({}))).toBe('TIMEOUT');
    merchant.faults = {};
    expect(await code(slow.getRate({}))).toBe('resolved');
  });
});

it('per request over raw HTTP: the x-etkit-sandbox-fault header', async () => {
  const post = (headers: Record<string, string>) => fetch(url, { method: 'POST', headers, body: '{}' });
  expect((await post({ 'x-etkit-sandbox-fault': '{"httpStatus":503}' })).status).toBe(503);
  expect((await post({ 'x-etkit-sandbox-fault': 'nope' })).status).toBe(400);
  expect((await post({ 'x-etkit-sandbox-fault': '{"httpStatus":200}' })).status).toBe(400);
  expect((await post({})).status).toBe(200); // the header affected only its own request
});

describe('notification faults', () => {
  async function paidOrderSandbox(fault: Parameters<Sandbox['injectFault']>[0]) {
    const calls: string[] = [];
    const s = await testSandbox({
      clock: manualTimeSource(),
      fetch: (async (_url: string | URL | Request, init?: RequestInit) => {
        calls.push(String(init?.body));
        return new Response('{"notify_result":"OK"}');
      }) as typeof fetch,
    });
    const client = clientFor(s, 'http://x/server', s.transport);
    const { orderId } = await client.createOrder({
      ...sampleOrder,
      notify_url: 'https://merchant.example.test/pay',
      status_change_notify_url: 'https://merchant.example.test/status',
    });
    s.injectFault(fault, { count: 2 });
    s.payOrder(orderId!);
    await s.notifications.settled();
    return { s, calls };
  }

  it('duplicate notifications: each is delivered twice', async () => {
    const { s, calls } = await paidOrderSandbox({ duplicateNotifications: true });
    expect(calls).toHaveLength(4);
    expect(calls[0]).toBe(calls[1]);
    await s.close();
  });

  it('out of order: the status change arrives before the payment result', async () => {
    const { s, calls } = await paidOrderSandbox({ reorderNotifications: true });
    expect(calls).toHaveLength(2);
    expect(calls[0]).toContain('order_status_change');
    expect(calls[1]).toContain('pay_result');
    // The delivery log tells the order apart even when both went out in the same millisecond.
    const [payment, status] = s.notifications.list();
    expect(status!.attempts[0]!.sequence).toBeLessThan(payment!.attempts[0]!.sequence!);
    await s.close();
  });

  it('wrong notification signature', async () => {
    const { s, calls } = await paidOrderSandbox({ wrongNotificationSignature: true });
    const { parseRawJsonObject, verifyNotification } = await import('@etkit/crypto');
    const fields = Object.fromEntries(Object.entries(parseRawJsonObject(calls[0]!)).map(([k, v]) => [k, v.text]));
    expect(verifyNotification(fields, s.merchants[0]!.salt)).toBe(false);
    await s.close();
  });
});
