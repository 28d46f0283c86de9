import type { OrderUpdates } from '../order-updates';
import type { Order } from '../orders/repository';
import { summarize } from '../pages/order-view';

/** One open event stream, as the hub sees it: somewhere to write an already formatted event. */
export interface LiveStream {
  send(event: string): void;
}

/** Orders read in one statement when changes pile up faster than they are read. */
const READ_BATCH = 100;

export const formatOrderEvent = (order: Order) => `event: order\ndata: ${JSON.stringify(summarize(order))}\n\n`;

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
  private readonly pending = new Set<string>();
  private draining = false;
  private readonly stop: Array<() => void>;

  constructor(
    private readonly read: (merchantOrderIds: readonly string[]) => Promise<Order[]>,
    updates: OrderUpdates,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.stop = [
      updates.subscribe((change) => this.changed(change.merchantOrderId)),
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
      for (const id of merchantOrderIds) {
        const streams = this.watchers.get(id);
        streams?.delete(stream);
        if (streams?.size === 0) this.watchers.delete(id);
      }
    };
  }

  /** Sends the current state of `merchantOrderIds` to `stream` alone (when it connects): one read. */
  async sendCurrent(stream: LiveStream, merchantOrderIds: readonly string[]): Promise<void> {
    try {
      for (const order of await this.read(merchantOrderIds)) stream.send(formatOrderEvent(order));
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
          const event = formatOrderEvent(order);
          for (const stream of streams) stream.send(event);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
