import { EventEmitter } from 'node:events';

/**
 * Tells live pages that an order changed (after its transaction committed). In-process only: with several
 * app instances behind a load balancer, a page sees the changes applied by the instance it is connected to
 * (a PostgreSQL LISTEN/NOTIFY bridge would lift that; the sample keeps one process).
 */
export class OrderUpdates {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(merchantOrderId: string): void {
    this.emitter.emit('order', merchantOrderId);
  }

  subscribe(listener: (merchantOrderId: string) => void): () => void {
    this.emitter.on('order', listener);
    return () => this.emitter.off('order', listener);
  }
}
