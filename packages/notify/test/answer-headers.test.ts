import { describe, expect, it } from 'vitest';
import { createNotificationHandler } from '../src/fetch.js';
import { createDeliveryProcessor } from '../src/index.js';
import { cases, notificationVectors } from './helpers/vectors.js';

const salt = notificationVectors.salt;
const payment = cases.find((c) => c.kind === 'payment_result' && c.valid)!;
const refund = cases.find((c) => c.kind === 'refund_result' && c.valid)!;
const forged = cases.find((c) => !c.valid)!;

const delivery = (c: (typeof cases)[number]) => ({
  method: 'POST',
  contentType: c.content_type,
  readBody: async () => c.body,
});

describe('each answer has headers of its own', () => {
  // @hono/node-server 1.x writes Content-Length into the headers object it is handed. With one object shared by
  // every OK answer, the first answer's length stuck to all later ones and cut the refund's signed ack short.
  it('a server writing into one answer’s headers does not change the next answer', async () => {
    const processDelivery = createDeliveryProcessor({ salt, onNotification: () => {}, onError: () => {} });
    const first = await processDelivery(delivery(payment));
    (first.headers as Record<string, string>)['Content-Length'] = String(first.body.length);
    const second = await processDelivery(delivery(refund));
    const third = await processDelivery(delivery(forged));
    expect(second.status).toBe(200);
    expect(second.body.length).toBeGreaterThan(first.body.length);
    expect(second.headers).not.toHaveProperty('Content-Length');
    expect(third.headers).not.toHaveProperty('Content-Length');
    expect(second.headers).not.toBe(first.headers);
  });

  it('the fetch handler gives every Response its own Headers', async () => {
    const handle = createNotificationHandler({ salt, onNotification: () => {}, onError: () => {} });
    const request = (c: (typeof cases)[number]) =>
      new Request('http://localhost/et/notify', {
        method: 'POST',
        body: c.body,
        headers: { 'content-type': c.content_type },
      });
    const first = await handle(request(payment));
    first.headers.set('content-length', '22');
    const second = await handle(request(refund));
    expect(second.headers.get('content-length')).toBeNull();
    expect(JSON.parse(await second.text())).toEqual(refund.ack);
  });
});
