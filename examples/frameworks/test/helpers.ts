import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signNotification } from '@etkit/crypto';
import type { DeliveryFailure, Notification, NotificationHandlerOptions } from '@etkit/notify';
import { buildNotification } from '@etkit/notify/testing';
import vectors from '@etkit/spec/vectors.json' with { type: 'json' };
import { expect } from 'vitest';

export const { salt, cases } = vectors.notifications;
export const FORM = 'application/x-www-form-urlencoded';

/** One POST to the recipe: over HTTP for a server, or a direct call for a Next.js route handler. */
export type Send = (body: string, contentType: string) => Promise<{ status: number; json: Record<string, unknown> }>;

export interface Recorded {
  options: NotificationHandlerOptions;
  seen: Notification[];
  failures: DeliveryFailure[];
}

/** Handler options that record what the merchant's callback saw and every refusal reported. */
export function recorded(): Recorded {
  const seen: Notification[] = [];
  const failures: DeliveryFailure[] = [];
  const options: NotificationHandlerOptions = {
    salt,
    onNotification: (notification) => void seen.push(notification),
    onError: (failure) => void failures.push(failure),
  };
  return { options, seen, failures };
}

export function httpSender(url: string): Send {
  return async (body, contentType) => {
    const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': contentType } });
    // Parsing the whole text also proves the answer was not cut short (a stale Content-Length would).
    return { status: response.status, json: JSON.parse(await response.text()) as Record<string, unknown> };
  };
}

export function urlOf(server: Server, path = '/et/notify'): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
}

export function listening(server: Server): Promise<Server> {
  return new Promise((resolve, reject) => {
    if (server.listening) resolve(server);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

let orderSequence = 0;

/** A payment ET never sent (its own order id): signed here with @etkit/crypto under the vectors' salt. */
export function signedPayment(): { orderId: string; fields: Record<string, string>; body: string } {
  const orderId = `ET20261206${String(Date.now() % 1e6).padStart(6, '0')}${String(++orderSequence).padStart(2, '0')}`;
  const fields = {
    order_id: orderId,
    pay_result: '1',
    pay_amount: '10000.00',
    pay_currency_code: 'RMB',
    pay_datetime: '2026-12-06 10:00:00',
    extend_info: '',
  };
  const sign = signNotification(fields, salt);
  return { orderId, fields, body: new URLSearchParams({ ...fields, sign }).toString() };
}

/**
 * What every recipe must do: accept a signed payment once (the callback sees it), answer its resend OK without
 * calling the callback again, acknowledge a refund with the signed ack, read all three encodings, and refuse a
 * tampered or forged notification with 400 SIGNATURE_INVALID.
 */
export async function receivesNotificationsCorrectly(send: Send, seen: () => readonly Notification[]): Promise<void> {
  const before = seen().length;
  const payment = signedPayment();

  expect(await send(payment.body, FORM)).toEqual({ status: 200, json: { notify_result: 'OK' } });
  const handled = seen().slice(before);
  expect(handled).toHaveLength(1);
  expect(handled[0]).toMatchObject({ kind: 'payment_result', orderId: payment.orderId, payAmount: '10000.00' });

  // ET resends until it reads OK: the duplicate is acknowledged again, the callback is not run again.
  expect(await send(payment.body, FORM)).toEqual({ status: 200, json: { notify_result: 'OK' } });
  expect(seen().length - before).toBe(1);

  // The refund's signed acknowledgement is longer than the first OK: it must arrive whole.
  const refund = cases.find((c) => c.kind === 'refund_result' && c.valid)!;
  expect(await send(refund.body, refund.content_type)).toEqual({ status: 200, json: refund.ack });

  // JSON with bare numbers (the signature covers the text 10000.00) and multipart reach the handler raw.
  const jsonPayment = cases.find((c) => c.content_type === 'application/json' && c.kind === 'payment_result')!;
  expect((await send(jsonPayment.body, jsonPayment.content_type)).status).toBe(200);
  const multipart = buildNotification({
    salt,
    kind: 'order_status_change',
    encoding: 'multipart',
    fields: { order_id: payment.orderId },
  });
  expect((await send(multipart.body, multipart.contentType)).status).toBe(200);
  expect(seen().length - before).toBe(4);

  // Tampered after signing, and the vectors' forged ones: refused, never handed to the callback.
  const tampered = payment.body.replace('pay_amount=10000.00', 'pay_amount=1.00');
  const refusals = [
    await send(tampered, FORM),
    ...(await Promise.all(cases.filter((c) => !c.valid).map((c) => send(c.body, c.content_type)))),
  ];
  for (const refusal of refusals) {
    expect(refusal).toEqual({
      status: 400,
      json: { notify_result: 'FAIL', code: 'SIGNATURE_INVALID', message: expect.any(String) },
    });
  }
  expect(seen().length - before).toBe(4);
}
