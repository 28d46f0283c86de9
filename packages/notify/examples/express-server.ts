/**
 * A runnable Express 5 notification endpoint. It starts on 127.0.0.1, posts itself three deliveries built with
 * @etkit/notify/testing (a payment, the same payment again, a tampered one) and prints what came back.
 *
 *   pnpm --filter @etkit/notify example        (or: npx tsx --conditions @etkit/source examples/express-server.ts)
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createNotificationHandler } from '../src/express.js';
import { createMemoryInbox } from '../src/index.js';
import { buildNotification } from '../src/testing.js';

const salt = process.env.ET_NOTIFY_SALT ?? 'example-salt';

const app = express();
app.post(
  '/et/notify',
  createNotificationHandler({
    salt,
    inbox: createMemoryInbox(), // use a durable inbox in production
    onNotification: async (notification) => {
      if (notification.kind === 'payment_result') {
        console.log(
          `handler: order ${notification.orderId} ${notification.paid ? 'paid' : 'not paid'} ` +
            `${notification.payAmount} ${notification.payCurrencyCode} at ${notification.payDatetime.instant.toISOString()}`,
        );
      } else {
        console.log(`handler: ${notification.kind} ${notification.idempotencyKey}`);
      }
    },
    onError: (failure) => console.log(`refused: ${failure.code}`),
  }),
);
app.use(express.json()); // the rest of the app may parse JSON: the notification route is mounted before it

const server = app.listen(0, '127.0.0.1', async () => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/et/notify`;
  const payment = buildNotification({ salt, kind: 'payment_result', encoding: 'json', jsonNumbers: true });
  const tampered = buildNotification({ salt, kind: 'payment_result', tamper: { field: 'pay_amount', value: '1.00' } });
  for (const [label, built] of [
    ['payment', payment],
    ['same payment again', payment],
    ['tampered amount', tampered],
  ] as const) {
    const response = await fetch(url, {
      method: 'POST',
      body: built.body,
      headers: { 'content-type': built.contentType },
    });
    console.log(`${label}: HTTP ${response.status} ${await response.text()}`);
  }
  server.close();
});
