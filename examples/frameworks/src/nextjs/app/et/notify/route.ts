// app/et/notify/route.ts: the App Router hands a route handler the Web Request untouched, so the fetch
// adapter reads the raw body itself. Do not read the body (request.json(), formData()) in middleware before it.
import { createNotificationHandler } from '@etkit/notify/fetch';
import { onNotification } from '../../../lib/notifications.js';

// Built on the first request, not when the module loads: `next build` loads it without the runtime secrets.
let handle: ((request: Request) => Promise<Response>) | undefined;

export function POST(request: Request): Promise<Response> {
  handle ??= createNotificationHandler({ salt: process.env.ET_NOTIFY_SALT!, onNotification, framework: 'nextjs' });
  return handle(request);
}
