import { createNotificationHandler, type NotificationHandlerOptions } from '@etkit/notify/express';
import Koa from 'koa';

/** Koa middleware for POST /et/notify; mount it before any body parser (koa-bodyparser, @koa/bodyparser…). */
export function notificationMiddleware(notifications: NotificationHandlerOptions): Koa.Middleware {
  const handle = createNotificationHandler({ ...notifications, framework: 'koa' });
  return async (ctx, next) => {
    if (ctx.path !== '/et/notify') return next();
    // The handler reads the raw body from ctx.req and writes the answer on ctx.res itself.
    ctx.respond = false;
    await handle(ctx.req, ctx.res);
  };
}

export function createKoaApp(notifications: NotificationHandlerOptions): Koa {
  const app = new Koa();
  app.use(notificationMiddleware(notifications));
  // app.use(bodyParser()); … the rest of your app parses bodies as usual.
  return app;
}
