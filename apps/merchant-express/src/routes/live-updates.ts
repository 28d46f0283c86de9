import type { Request, Response } from 'express';
import type { Database } from '../db/database';
import type { OrderUpdates } from '../order-updates';
import { findOrder } from '../orders/repository';
import { summarize } from '../pages/order-view';

const MAX_INITIAL_ORDERS = 100;

export interface LiveUpdatesOptions {
  /** Event streams held open at once; beyond it a stream is refused with 503. Default 1000. */
  maxConnections?: number;
}

/**
 * `GET /events?orders=id,id`: server-sent events, one `order` event (an OrderSummary) whenever an order changes.
 * The listed orders' current state is sent first, after subscribing, so nothing that changed between rendering
 * the page and connecting is missed (a duplicate event is harmless: it carries the whole state).
 */
export function liveUpdatesRoute(db: Database, updates: OrderUpdates, options: LiveUpdatesOptions = {}) {
  const maxConnections = options.maxConnections ?? 1000;
  // Each stream holds a socket, a listener and a timer for as long as the browser keeps it: without a bound,
  // anyone can open streams until the process runs out of memory or file descriptors.
  let open = 0;
  return async (req: Request, res: Response) => {
    if (open >= maxConnections) {
      res.status(503).set('retry-after', '30').type('text/plain').send('Too many live connections; try again later.');
      return;
    }
    open += 1;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    const send = async (merchantOrderId: string) => {
      try {
        const order = await findOrder(db, merchantOrderId);
        if (order !== undefined && !res.writableEnded) {
          res.write(`event: order\ndata: ${JSON.stringify(summarize(order))}\n\n`);
        }
      } catch {
        // The page shows the state on its next load; a read error must not break the stream.
      }
    };
    const unsubscribe = updates.subscribe(send);
    // A comment every 25 s keeps proxies from closing an idle stream.
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    heartbeat.unref();
    req.on('close', () => {
      open -= 1;
      clearInterval(heartbeat);
      unsubscribe();
    });
    const requested = typeof req.query.orders === 'string' ? req.query.orders.split(',') : [];
    for (const merchantOrderId of new Set(requested.filter((id) => id !== '').slice(0, MAX_INITIAL_ORDERS))) {
      await send(merchantOrderId);
    }
  };
}
