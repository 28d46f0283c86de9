import { defaultSiteDisplay, type SiteDisplay } from '../display/site-display.js';
import type { OrderUpdates } from '../order-updates.js';
import type { Order } from '../orders/repository.js';
import { summarize } from '../pages/order-view.js';

/** One open event stream, as the hub sees it: somewhere to write an already formatted event. */
export interface LiveStream {
  send(event: string): void;
}

/** Orders read in one statement when changes pile up faster than they are read. */
const READ_BATCH = 100;
/** New orders one list stream follows after it opened (the list shows the 100 latest). */
export const MAX_NEW_ORDERS_PER_STREAM = 100;

export const formatOrderEvent = (order: Order, display: SiteDisplay = defaultSiteDisplay) =>
  `event: order\ndata: ${JSON.stringify(summarize(order, display))}\n\n`;

/** A new order: the id only; the list page fetches its row (`GET /orders/:id/row`). */
export const formatCreatedEvent = (merchantOrderId: string) =>
  `event: created\ndata: ${JSON.stringify({ merchantOrderId })}\n\n`;

/**
 * Fans order changes out to the event streams that asked for them. A stream watches the orders on its page;
 * a change to an order nobody watches costs nothing, and a change to a watched order costs ONE read, whatever
 * the number of streams watching it: the order is read once, formatted once, and the same text written to
 * each stream. Changes that arrive while a read is running are gathered (by order id) and read together in
 * the next statement, so a burst of notifications costs fewer reads, never more, and the backlog is bounded
 * by the number of watched orders.
 */
export class LiveHub {
  private readonly watchers = new Map<string, Set<LiveStream>>();
  /** List streams, each with the new orders it follows since it opened. */
  private readonly listStreams = new Map<LiveStream, string[]>();
  private readonly pending = new Set<string>();
  private draining = false;
  private readonly stop: Array<() => void>;

  constructor(
    private readonly read: (merchantOrderIds: readonly string[]) => Promise<Order[]>,
    updates: OrderUpdates,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly display: SiteDisplay = defaultSiteDisplay,
  ) {
    this.stop = [
      updates.subscribe((change) =>
        change.what === 'created' ? this.created(change.merchantOrderId) : this.changed(change.merchantOrderId),
      ),
      updates.onResync(() => this.refreshAll()),
    ];
  }

  /** Distinct orders watched by at least one stream. */
  get watchedOrders(): number {
    return this.watchers.size;
  }

  /** Registers `stream` for changes to `merchantOrderIds`; returns the function that removes it. */
  watch(stream: LiveStream, merchantOrderIds: readonly string[]): () => void {
    for (const id of merchantOrderIds) {
      const streams = this.watchers.get(id) ?? new Set<LiveStream>();
      streams.add(stream);
      this.watchers.set(id, streams);
    }
    return () => {
      for (const id of merchantOrderIds) this.unwatchOne(stream, id);
    };
  }

  private unwatchOne(stream: LiveStream, merchantOrderId: string): void {
    const streams = this.watchers.get(merchantOrderId);
    streams?.delete(stream);
    if (streams?.size === 0) this.watchers.delete(merchantOrderId);
  }

  /**
   * Registers a list stream for new orders: each gets a `created` event (no read: the page fetches the row), and
   * the stream watches the order from then on. Returns the function that removes it.
   */
  watchNewOrders(stream: LiveStream): () => void {
    this.listStreams.set(stream, []);
    return () => {
      for (const id of this.listStreams.get(stream) ?? []) this.unwatchOne(stream, id);
      this.listStreams.delete(stream);
    };
  }

  /** Sends the current state of `merchantOrderIds` to `stream` alone (when it connects): one read. */
  async sendCurrent(stream: LiveStream, merchantOrderIds: readonly string[]): Promise<void> {
    try {
      for (const order of await this.read(merchantOrderIds)) stream.send(formatOrderEvent(order, this.display));
    } catch (error) {
      // The page shows the state on its next load; a read error must not break the stream.
      this.onError(error);
    }
  }

  /** Every watched order read again and sent (after the carrier of changes may have lost some). */
  refreshAll(): void {
    for (const id of this.watchers.keys()) this.pending.add(id);
    void this.drain();
  }

  close(): void {
    for (const stop of this.stop) stop();
  }

  private created(merchantOrderId: string): void {
    const event = formatCreatedEvent(merchantOrderId);
    for (const [stream, followed] of this.listStreams) {
      if (followed.includes(merchantOrderId)) continue;
      if (followed.length < MAX_NEW_ORDERS_PER_STREAM) {
        followed.push(merchantOrderId);
        const streams = this.watchers.get(merchantOrderId) ?? new Set<LiveStream>();
        streams.add(stream);
        this.watchers.set(merchantOrderId, streams);
      }
      stream.send(event);
    }
  }

  private changed(merchantOrderId: string): void {
    if (!this.watchers.has(merchantOrderId)) return;
    this.pending.add(merchantOrderId);
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.pending.size > 0) {
        const batch: string[] = [];
        for (const id of this.pending) {
          this.pending.delete(id);
          // Unwatched since the change came: nobody to tell.
          if (this.watchers.has(id)) batch.push(id);
          if (batch.length === READ_BATCH) break;
        }
        if (batch.length === 0) continue;
        let orders: Order[];
        try {
          orders = await this.read(batch);
        } catch (error) {
          this.onError(error);
          continue;
        }
        for (const order of orders) {
          const streams = this.watchers.get(order.merchantOrderId);
          if (streams === undefined) continue;
          const event = formatOrderEvent(order, this.display);
          for (const stream of streams) stream.send(event);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
