import type { Request, Response } from 'express';
import type { Database } from '../db/database';
import type { OrderUpdates } from '../order-updates';
import { findOrder } from '../orders/repository';
import { summarize } from '../pages/order-view';

/** `GET /events`: server-sent events, one `order` event (an OrderSummary) whenever an order changes. */
export function liveUpdatesRoute(db: Database, updates: OrderUpdates) {
  return (req: Request, res: Response) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    const unsubscribe = updates.subscribe(async (merchantOrderId) => {
      try {
        const order = await findOrder(db, merchantOrderId);
        if (order !== undefined && !res.writableEnded) {
          res.write(`event: order\ndata: ${JSON.stringify(summarize(order))}\n\n`);
        }
      } catch {
        // The page reloads what it missed on its next visit; a read error must not break the stream.
      }
    });
    // A comment every 25 s keeps proxies from closing an idle stream.
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  };
}
