// Type-checked under node16 (as .mts and .cts) and bundler resolution; not run.
import { type Notification, type NotificationErrorCode, openNotification } from '@etkit/notify';
import { createNotificationHandler } from '@etkit/notify/fetch';
import { buildNotification } from '@etkit/notify/testing';

async function amountOf(body: string, salt: string): Promise<string | undefined> {
  const notification: Notification = await openNotification({ body, contentType: null }, { salt });
  return notification.kind === 'payment_result' ? notification.payAmount : undefined;
}
const handler: (request: Request) => Promise<Response> = createNotificationHandler({
  salt: 's',
  onNotification: async () => {},
});
const body: string = buildNotification({ salt: 's' }).body;
const code: NotificationErrorCode | undefined = undefined;

export { amountOf, body, code, handler };
