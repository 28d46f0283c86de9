/**
 * Node entry of @etkit/client (the `node` export condition): everything of the portable entry, with undici as
 * the default transport.
 * @packageDocumentation
 */
import { createClientWithDefaultTransport, type EtClient } from './client.js';
import type { ClientOptions } from './config.js';
import { undiciTransport } from './node/undici-transport.js';

export * from './index.js';
export { type ClosableTransport, type UndiciTransportOptions, undiciTransport } from './node/undici-transport.js';

/** Creates a client. Without a `transport` option this entry uses {@link undiciTransport} (keep-alive pool). */
export function createClient(options: ClientOptions): EtClient {
  return createClientWithDefaultTransport(options, () => undiciTransport());
}
