import type { Request, Response } from 'express';
import type { LiveHub, LiveStream } from '../live/live-hub.js';

/** Orders one stream may watch: a page of the order list (100 rows) or one order page. */
export const MAX_WATCHED_ORDERS = 100;
const ORDER_ID = /^[\w-]{1,64}$/;
/** A stream whose client stops reading is dropped once this much waits in its socket (it reconnects afresh). */
const MAX_BUFFERED_BYTES = 64 * 1024;

export interface LiveUpdatesOptions {
  /** Event streams held open at once; beyond it a stream is refused with 503. Default 1000. */
  maxConnections?: number;
  /** Event streams one login session (or, without one, one address) may hold at once; beyond it 429. Default 8. */
  maxPerSession?: number;
}

/** Who holds a stream, for the per-session cap: the login session, else the client's address. */
const holderOf = (req: Request, res: Response): string => {
  const sessionId = (res.locals.staff as { sessionId?: string } | undefined)?.sessionId;
  return sessionId === undefined ? `ip:${req.ip ?? ''}` : `session:${sessionId}`;
};

/** The `orders` query parameter: distinct ids, at most MAX_WATCHED_ORDERS, or a reason to refuse it. */
export function readWatchedOrders(query: unknown): { ids: string[] } | { refused: string } {
  if (query === undefined) return { ids: [] };
  if (typeof query !== 'string') return { refused: 'orders must be one comma-separated list' };
  const ids = [...new Set(query.split(',').filter((id) => id !== ''))];
  if (ids.length > MAX_WATCHED_ORDERS) return { refused: `at most ${MAX_WATCHED_ORDERS} orders per stream` };
  if (!ids.every((id) => ORDER_ID.test(id))) return { refused: 'an order id is not well formed' };
  return { ids };
}

/**
 * `GET /events?orders=id,id`: server-sent events, one `order` event (an OrderSummary) whenever one of the listed
 * orders changes — the orders shown on the page. The listed orders' current state is sent first, after
 * subscribing, so nothing that changed between rendering the page and connecting is missed (a duplicate event
 * is harmless: it carries the whole state). With `new=1` (the order list) the stream also gets a `created` event
 * for each order created since, and follows it. No orders listed and no `new=1`: 204, which tells EventSource
 * not to reconnect.
 */
export function liveUpdatesRoute(hub: LiveHub, options: LiveUpdatesOptions = {}) {
  const maxConnections = options.maxConnections ?? 1000;
  const maxPerSession = options.maxPerSession ?? 8;
  // Each stream holds a socket, a set entry per watched order and a timer for as long as the browser keeps it:
  // without bounds, anyone could open streams until the process runs out of memory or file descriptors.
  let open = 0;
  const perHolder = new Map<string, number>();
  return async (req: Request, res: Response) => {
    const watched = readWatchedOrders(req.query.orders);
    if ('refused' in watched) {
      res.status(400).type('text/plain').send(`Bad live-update request: ${watched.refused}.`);
      return;
    }
    // `new=1`: the order list, which also hears of orders created after it was rendered.
    const newOrders = req.query.new === '1';
    if (watched.ids.length === 0 && !newOrders) {
      res.status(204).end();
      return;
    }
    if (open >= maxConnections) {
      res.status(503).set('retry-after', '30').type('text/plain').send('Too many live connections; try again later.');
      return;
    }
    const holder = holderOf(req, res);
    const held = perHolder.get(holder) ?? 0;
    if (held >= maxPerSession) {
      res.status(429).set('retry-after', '30').type('text/plain').send('Too many live connections for this session.');
      return;
    }
    open += 1;
    perHolder.set(holder, held + 1);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    const stream: LiveStream = {
      send(event) {
        if (res.writableEnded || res.destroyed) return;
        if (res.writableLength > MAX_BUFFERED_BYTES) {
          res.destroy();
          return;
        }
        res.write(event);
      },
    };
    const unwatchIds = hub.watch(stream, watched.ids);
    const unwatchNew = newOrders ? hub.watchNewOrders(stream) : () => {};
    const unwatch = () => {
      unwatchIds();
      unwatchNew();
    };
    // A comment every 25 s keeps proxies from closing an idle stream.
    const heartbeat = setInterval(() => stream.send(': keep-alive\n\n'), 25_000);
    heartbeat.unref();
    res.on('close', () => {
      open -= 1;
      const left = (perHolder.get(holder) ?? 1) - 1;
      if (left === 0) perHolder.delete(holder);
      else perHolder.set(holder, left);
      clearInterval(heartbeat);
      unwatch();
    });
    await hub.sendCurrent(stream, watched.ids);
  };
}
