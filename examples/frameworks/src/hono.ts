import { createNotificationHandler, type NotificationHandlerOptions } from '@etkit/notify/fetch';
import { Hono } from 'hono';

export function createHonoApp(notifications: NotificationHandlerOptions): Hono {
  const app = new Hono();
  const handle = createNotificationHandler({ ...notifications, framework: 'hono' });

  // c.req.raw is the untouched Web Request: the handler reads its raw body itself. Do not call c.req.json(),
  // c.req.parseBody() or a validator on this route first.
  app.post('/et/notify', (c) => handle(c.req.raw));
  return app;
}

// On Node: import { serve } from '@hono/node-server'; serve({ fetch: createHonoApp(options).fetch, port: 3000 });
