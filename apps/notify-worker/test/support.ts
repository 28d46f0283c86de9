import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signedAcknowledgement } from '@etkit/notify';
import { buildNotification } from '@etkit/notify/testing';
import { expect } from 'vitest';

export interface Received {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** An HTTP sink on 127.0.0.1 that records what it receives; `failNext` makes the next N answers HTTP 503. */
export async function startCapturingSink() {
  const received: Received[] = [];
  let failures = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (failures > 0) {
        failures -= 1;
        response.writeHead(503).end();
        return;
      }
      received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sink`,
    received,
    failNext(count: number) {
      failures = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type CapturingSink = Awaited<ReturnType<typeof startCapturingSink>>;

/**
 * The exchange every runtime must pass, against a worker at `url` forwarding to `sink` (fresh, empty): form,
 * JSON and multipart notifications acknowledged (the refund with its signed acknowledgement), a resend answered
 * OK without a second forward, a forged one refused, and the verified fields forwarded with their wire text.
 */
export async function expectNotificationExchange(url: string, sink: CapturingSink, salt: string): Promise<void> {
  const send = async (built: ReturnType<typeof buildNotification>) => {
    const response = await fetch(`${url}/notifications`, {
      method: 'POST',
      headers: { 'content-type': built.contentType },
      body: built.body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };
  const payment = buildNotification({
    salt,
    kind: 'payment_result',
    encoding: 'form',
    fields: { order_id: 'ET-R-1' },
  });
  const status = buildNotification({
    salt,
    kind: 'order_status_change',
    encoding: 'json',
    jsonNumbers: true,
    fields: { order_id: 'ET-R-1' },
  });
  const refund = buildNotification({
    salt,
    kind: 'refund_result',
    encoding: 'multipart',
    fields: { order_id: 'ET-R-1' },
  });
  const forged = buildNotification({ salt, kind: 'payment_result', tamper: 'reformat-amount' });

  expect(await send(payment)).toEqual({ status: 200, body: { notify_result: 'OK' } });
  expect(await send(status)).toEqual({ status: 200, body: { notify_result: 'OK' } });
  const refundAnswer = await send(refund);
  expect(refundAnswer).toEqual({ status: 200, body: signedAcknowledgement('ET-R-1', salt) });
  expect(await send(payment)).toEqual({ status: 200, body: { notify_result: 'OK' } }); // a resend
  const refused = await send(forged);
  expect(refused.status).toBe(400);
  expect(refused.body.code).toBe('SIGNATURE_INVALID');

  expect(sink.received.map((item) => item.body.kind)).toEqual([
    'payment_result',
    'order_status_change',
    'refund_result',
  ]);
  const { sign: _paymentSign, ...paymentFields } = payment.fields;
  expect(sink.received[0]!.body.fields).toEqual(paymentFields);
  // The JSON body wrote the numeric fields as bare numbers; their wire text is forwarded unchanged.
  const { sign: _sign, ...statusFields } = status.fields;
  expect(sink.received[1]!.body.fields).toEqual(statusFields);
}
