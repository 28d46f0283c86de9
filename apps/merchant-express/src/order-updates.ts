import { EventEmitter } from 'node:events';

/** One change to one order, as travels between instances: the id and what changed, never the order itself. */
export interface OrderChange {
  merchantOrderId: string;
  /** A short word for logs and pages: `notification`, `reconciliation`, `created`, or `changed`. */
  what: string;
}

/** Where published changes go: back to this process (the default), or through PostgreSQL to every instance. */
export type OrderChangeCarrier = (change: OrderChange) => void;

/**
 * Tells live pages that an order changed (after its transaction committed). The page side (`LiveHub`) listens
 * with `subscribe`; `onResync` asks it to read every order it shows again, after a carrier lost changes.
 *
 * By default a change is delivered in this process only. With PostgreSQL, `postgres-order-updates.ts` replaces
 * the carrier with `NOTIFY` and delivers what its `LISTEN` connection hears, so a page on instance B hears about
 * a payment that ET delivered to instance A.
 */
export class OrderUpdates {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private carrier: OrderChangeCarrier = (change) => this.deliver(change);

  publish(merchantOrderId: string, what = 'changed'): void {
    this.carrier({ merchantOrderId, what });
  }

  subscribe(listener: (change: OrderChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  onResync(listener: () => void): () => void {
    this.emitter.on('resync', listener);
    return () => this.emitter.off('resync', listener);
  }

  /** Routes published changes through `carrier` instead of this process. */
  carryWith(carrier: OrderChangeCarrier): void {
    this.carrier = carrier;
  }

  /** A change arrived (from this process or from the carrier): tell the listeners here. */
  deliver(change: OrderChange): void {
    this.emitter.emit('change', change);
  }

  /** Changes may have been missed (a carrier reconnected): listeners read everything they show again. */
  resync(): void {
    this.emitter.emit('resync');
  }
}
