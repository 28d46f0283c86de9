import type { ProtocolProfile } from '@etkit/crypto';
import { openAccounts } from './accounts/accounts.js';
import type { SandboxMerchant, SandboxMerchantInput } from './accounts/merchant-config.js';
import type { PemKeyPair } from './accounts/pem-keys.js';
import { FaultQueue, type SandboxFault } from './faults.js';
import { createProtocolCore } from './protocol/answer.js';
import {
  createInProcessTransport,
  SandboxConnectionError,
  type SandboxTransport,
} from './serve/in-process-transport.js';
import { createServe } from './serve/serve.js';
import { type HttpServerHandle, startHttpServer } from './web/http-server.js';
import { SandboxUrls } from './web/urls.js';
import { attachmentWriter } from './world/attachment-files.js';
import type { SandboxClock, TimeSource } from './world/clock.js';
import { orderControls } from './world/order-controls.js';
import { createPersistence } from './world/persistence.js';
import type { RateTableInput } from './world/rate-table.js';
import { SerialNumbers } from './world/serial-numbers.js';
import type { DeliveryRecord, OrderRecord } from './world/state.js';
import { createWorld } from './world/world.js';

export interface SandboxOptions {
  /** Directory for state, keys and sandbox.json. Without it everything lives in memory. */
  dataDir?: string;
  /** Merchant accounts; default: from `dataDir/sandbox.json`, else one generated merchant `ET82009`. */
  merchants?: SandboxMerchantInput[];
  /** Base time source (default `Date.now`); `sandbox.clock.advance` adds to it. */
  clock?: TimeSource;
  /** Multiplies real waits (notification resends); `0.001` makes 2 hours 7.2 seconds. Default 1. */
  timeScale?: number;
  /** Base URL written into payment and voucher URLs; default the URL `listen` bound. */
  publicUrl?: string;
  /** The simulated ET key pair; default read from `dataDir`, else generated. */
  etKeyPair?: PemKeyPair;
  /** Size of generated RSA keys; default 2048. */
  keyBits?: number;
  /** Exchange-rate table, `{ 'GBP/RMB': '9.1500' }`; default a small made-up table. */
  rates?: RateTableInput;
  /** Where the one-time "generated keys" lines go; default console.log. */
  log?: (line: string) => void;
  /** Outgoing HTTP for notifications; default global fetch. */
  fetch?: typeof globalThis.fetch;
  /**
   * The ET account's protocol profile (e.g. the file `etkit doctor --probe --out` wrote): every merchant is
   * served in it, with its own `profile` options on top. Requests made under any other variant are refused as a
   * real signature or decryption failure would be; responses are sealed in it. Default: @etkit/crypto's defaults.
   */
  profile?: Partial<ProtocolProfile>;
}

export interface Sandbox {
  /** Start the HTTP server; resolves to its base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stop the server and timers, and write the state. */
  close(): Promise<void>;
  /** Base URL (`publicUrl`, else the bound address, else `http://127.0.0.1` before `listen`). */
  readonly url: string;
  /** In-process Transport for @etkit/client (no sockets). */
  readonly transport: SandboxTransport;
  /**
   * The protocol core: a request envelope in, a sealed response envelope out. Never throws. Applies a standing
   * `wrongSignature` fault; one-shot faults are for the transports (`transport`, HTTP). Same `serve` as both.
   */
  handle(body: string): Promise<string>;
  readonly etPublicKeyPem: string;
  readonly merchants: SandboxMerchant[];
  merchant(merchantNumber: string): SandboxMerchant | undefined;
  readonly orders: { get(orderId: string): OrderRecord | undefined; list(): OrderRecord[] };
  payUrl(orderId: string): string;
  payOrder(orderId: string): OrderRecord;
  failOrder(orderId: string): OrderRecord;
  advanceOrder(orderId: string): OrderRecord;
  refundOrder(orderId: string, options?: { amount?: string; refundOrderId?: string }): OrderRecord;
  completeRefund(orderId: string, options?: { success?: boolean }): OrderRecord;
  readonly clock: SandboxClock;
  injectFault(fault: SandboxFault, options?: { merchantNumber?: string; count?: number }): void;
  readonly notifications: {
    list(): DeliveryRecord[];
    /** Resolves when no delivery is in flight. */
    settled(): Promise<void>;
    /** Release notifications held by the reorder fault (newest first). */
    releaseHeld(merchantNumber?: string): void;
  };
}

const copy = <T>(value: T): T => structuredClone(value);

/**
 * Assembles the sandbox from its rooms: accounts (keys, merchants, profiles), the world (state, clock, orders,
 * notifications), the protocol core, `serve` (the one way in) and its three faces: `transport`, HTTP, `handle`.
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const accounts = await openAccounts(options);
  const persistence = createPersistence(options.dataDir);
  const serials = new SerialNumbers(persistence);
  const faults = new FaultQueue();
  const urls = new SandboxUrls(options.publicUrl);
  const world = createWorld(options, {
    persistence,
    merchant: accounts.merchant,
    takeNotificationFault: (merchantNumber) =>
      faults.take('notification', merchantNumber, accounts.merchant(merchantNumber)?.faults),
    voucherUrl: (orderId) => urls.voucherUrl(orderId),
  });
  const { lifecycle, notifications, scheduler } = world;
  const storeAttachment = attachmentWriter(options.dataDir);

  const answer = createProtocolCore({
    ...accounts,
    claimSerialNumber: (merchantNumber, serialNumber) => serials.claim(merchantNumber, serialNumber),
    context: () => ({
      now: scheduler.now(),
      state: persistence.state,
      orders: lifecycle,
      rates: world.rates,
      persist: persistence.persist,
      payUrl: (orderId) => urls.payUrl(orderId),
      storeAttachment,
    }),
  });
  const serve = createServe({ merchant: accounts.merchant, faults, sweep: () => lifecycle.sweep(), answer });
  // Aborted by close(): an in-process call held by a delay fault ends instead of outliving the sandbox.
  const closing = new AbortController();
  const control = orderControls(lifecycle);
  const injectFault: Sandbox['injectFault'] = (fault, target) => faults.inject(fault, target);
  let server: HttpServerHandle | undefined;

  return {
    async listen(port = 0, host = '127.0.0.1') {
      if (server) throw new Error('the sandbox is already listening');
      server = await startHttpServer({
        port,
        host,
        serve,
        lifecycle,
        control,
        clock: scheduler,
        injectFault,
        notifications: () => notifications.list(),
      });
      urls.bind(server.url);
      return urls.base();
    },
    async close() {
      closing.abort(new SandboxConnectionError());
      await world.stop();
      if (server) await server.close();
      server = undefined;
      persistence.close();
    },
    get url() {
      return urls.base();
    },
    transport: createInProcessTransport(serve, closing.signal),
    handle: async (body) => (await serve({ body, faults: 'answer' })).body,
    etPublicKeyPem: accounts.etPublicKeyPem,
    merchants: accounts.merchants,
    merchant: accounts.merchant,
    orders: {
      get: (orderId) => {
        lifecycle.sweep();
        const order = lifecycle.get(orderId);
        return order && copy(order);
      },
      list: () => {
        lifecycle.sweep();
        return lifecycle.list().map(copy);
      },
    },
    payUrl: (orderId) => urls.payUrl(orderId),
    ...control,
    clock: { now: () => scheduler.now(), advance: (ms) => scheduler.advance(ms) },
    injectFault,
    notifications: {
      list: () => notifications.list().map(copy),
      settled: () => notifications.settled(),
      releaseHeld: (merchantNumber) => notifications.releaseHeld(merchantNumber),
    },
  };
}
