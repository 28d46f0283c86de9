import assert from 'node:assert/strict';
import { isNotificationError, openNotification } from '@etkit/notify';
import { createNotificationHandler } from '@etkit/notify/fetch';
import { buildNotification } from '@etkit/notify/testing';

const salt = 'smoke-test-salt';

// A signed payment-result notification, as ET sends it, is verified and classified.
const built = buildNotification({ salt, kind: 'payment_result' });
const notification = await openNotification({ body: built.body, contentType: built.contentType }, { salt });
assert.equal(notification.kind, 'payment_result');
assert.equal(notification.paid, true);
assert.equal(notification.payAmount, built.fields.pay_amount);

// A tampered one is refused with a typed error.
const forged = buildNotification({ salt, kind: 'payment_result', tamper: 'reformat-amount' });
await assert.rejects(openNotification({ body: forged.body, contentType: forged.contentType }, { salt }), (error) =>
  isNotificationError(error),
);

// The Web-standard handler answers ET with the acknowledgement.
const seen = [];
const handler = createNotificationHandler({ salt, onNotification: async (n) => void seen.push(n.kind) });
const response = await handler(
  new Request('http://localhost/notify', {
    method: 'POST',
    headers: { 'content-type': built.contentType },
    body: built.body,
  }),
);
assert.equal(response.status, 200);
assert.deepEqual(await response.json(), { notify_result: 'OK' });
assert.deepEqual(seen, ['payment_result']);
console.log('notify ok');
