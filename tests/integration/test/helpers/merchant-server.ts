import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Notification } from '@etkit/notify';
import { createNotificationHandler } from '@etkit/notify/express';
import express from 'express';

/**
 * A loopback merchant backend: ET notifications land on @etkit/notify's Express adapter.
 */
export async function startMerchantServer(salt: string) {
  const received: Notification[] = [];
  const rawBodies: Array<{ path: string; contentType: string | undefined }> = [];
  const failures = new Map<string, number>();
  const app = express();
  app.use((req, _res, next) => {
    rawBodies.push({ path: req.path, contentType: req.headers['content-type'] });
    next();
  });
  const route = createNotificationHandler({
    salt,
    onError: () => {}, // the failures below are on purpose
    onNotification: (notification) => {
      const left = failures.get(notification.kind) ?? 0;
      if (left > 0) {
        failures.set(notification.kind, left - 1);
        throw new Error('merchant down for a moment');
      }
      received.push(notification);
    },
  });
  app.post('/notify/pay', route);
  app.post('/notify/status', route);
  app.post('/notify/account', route);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    received,
    rawBodies,
    /** The next `count` notifications of `kind` make the handler throw (the adapter answers HTTP 500). */
    failNext(kind: Notification['kind'], count: number) {
      failures.set(kind, count);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
