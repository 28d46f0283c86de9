import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPrivateKey, importPublicKey, type ProtocolProfile, type RsaPublicKey } from '@etkit/crypto';
import { resolveConfig, type SandboxMerchant, type SandboxMerchantInput } from './accounts/merchant-config';
import type { PemKeyPair } from './accounts/pem-keys';
import { accountProfile, servedProfile } from './accounts/served-profile';
import { FaultQueue, type SandboxFault } from './faults';
import { createProtocolCore } from './protocol/answer';
import {
  peekMerchantNumber,
  SandboxConnectionError,
  type SandboxTransport,
  type SandboxTransportResponse,
  sleep,
} from './serve/in-process-transport';
import { type HttpServerHandle, startHttpServer } from './web/http-server';
import { type SandboxClock, Scheduler, type TimeSource } from './world/clock';
import { OrderLifecycle } from './world/lifecycle';
import { NotificationCenter } from './world/notifications';
import { RateTable, type RateTableInput } from './world/rate-table';
import { type DeliveryRecord, emptyState, type OrderRecord, type SandboxState } from './world/state';
import { createFileStore, type SandboxStore } from './world/store';

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
   * `wrongSignature` fault; one-shot faults are for the transports (`transport`, HTTP).
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

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dataDir = options.dataDir;
  const account = accountProfile(options.profile);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const log = options.log ?? ((line: string) => console.log(line));
  const config = await resolveConfig({
    dataDir,
    merchants: options.merchants,
    etKeyPair: options.etKeyPair,
    keyBits: options.keyBits ?? 2048,
  });
  for (const line of config.generated) log(`[etkit sandbox] ${line}`);

  const etPrivateKey = await importPrivateKey(config.etKeys.privateKeyPem);
  const etPublicKey = await importPublicKey(config.etKeys.publicKeyPem);
  const merchants = config.merchants;
  const findMerchant = (n: string) => merchants.find((m) => m.merchantNumber === n);
  const publicKeys = new Map<string, { pem: string; key: Promise<RsaPublicKey> }>();
  const merchantPublicKey = (merchant: SandboxMerchant): Promise<RsaPublicKey> => {
    const cached = publicKeys.get(merchant.merchantNumber);
    if (cached && cached.pem === merchant.publicKeyPem) return cached.key;
    const key = importPublicKey(merchant.publicKeyPem);
    publicKeys.set(merchant.merchantNumber, { pem: merchant.publicKeyPem, key });
    return key;
  };

  const store: SandboxStore | undefined = dataDir ? createFileStore(dataDir) : undefined;
  const state: SandboxState = store ? store.load() : emptyState();
  const serials = new Map<string, Set<string>>(
    Object.entries(state.serials).map(([merchant, list]) => [merchant, new Set(list)]),
  );

  let flushQueued = false;
  const flush = () => {
    flushQueued = false;
    if (!store) return;
    state.serials = Object.fromEntries([...serials].map(([merchant, set]) => [merchant, [...set]]));
    state.clockOffsetMs = scheduler.offsetMs;
    store.save(state);
  };
  // Coalesce the writes of one burst of changes into one atomic file write.
  const persist = () => {
    if (!store || flushQueued) return;
    flushQueued = true;
    setImmediate(flush);
  };

  const scheduler = new Scheduler(
    options.clock ?? { now: () => Date.now() },
    options.timeScale ?? 1,
    state.clockOffsetMs ?? 0,
  );
  const faults = new FaultQueue();
  const rates = new RateTable(options.rates);
  let boundUrl: string | undefined;
  const baseUrl = () => (options.publicUrl ?? boundUrl ?? 'http://127.0.0.1').replace(/\/+$/, '');
  const payUrl = (orderId: string) => `${baseUrl()}/pay/${encodeURIComponent(orderId)}`;

  const notifications = new NotificationCenter({
    state,
    scheduler,
    persist,
    merchant: findMerchant,
    takeFault: (merchantNumber) => faults.take('notification', merchantNumber, findMerchant(merchantNumber)?.faults),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  });
  const lifecycle = new OrderLifecycle({
    state,
    now: () => scheduler.now(),
    persist,
    notifications,
    merchant: findMerchant,
    voucherUrl: (orderId) => `${baseUrl()}/vouchers/${encodeURIComponent(orderId)}.pdf`,
  });
  scheduler.onAdvance(() => lifecycle.sweep());
  // The advanced offset is state: a restart must not move sandbox time (and every due resend) back.
  scheduler.onAdvance(persist);
  const sweepTimer = setInterval(() => lifecycle.sweep(), 60_000);
  sweepTimer.unref();

  const core = createProtocolCore({
    etPrivateKey,
    etPublicKey,
    merchant: findMerchant,
    merchantPublicKey,
    claimSerialNumber: (merchantNumber, serialNumber) => {
      const set = serials.get(merchantNumber) ?? new Set<string>();
      serials.set(merchantNumber, set);
      if (set.has(serialNumber)) return false;
      set.add(serialNumber);
      persist();
      return true;
    },
    profileOf: (merchant) => servedProfile(account, merchant),
    context: () => ({
      now: scheduler.now(),
      state,
      orders: lifecycle,
      rates,
      persist,
      payUrl,
      storeAttachment: (orderId, attachment, bytes) => {
        if (!dataDir) return;
        const dir = join(dataDir, 'attachments', orderId.replace(/[^A-Za-z0-9]/g, ''));
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, attachment.attachmentId.replace(/[^A-Za-z0-9-]/g, '')), bytes);
      },
    }),
  });

  const takeApiFault = (body: string): SandboxFault => {
    const merchantNumber = peekMerchantNumber(body);
    const standing = merchantNumber === undefined ? undefined : findMerchant(merchantNumber)?.faults;
    return faults.take('api', merchantNumber, standing);
  };
  const handle = (body: string, fault: SandboxFault = {}) => {
    lifecycle.sweep();
    return core(body, fault);
  };

  // Aborted by close(): an in-process call held by a delay fault ends instead of outliving the sandbox.
  const closing = new AbortController();
  const transport: SandboxTransport = async (request) => {
    const path = new URL(request.url, 'http://sandbox.invalid').pathname;
    if (request.method.toUpperCase() !== 'POST' || !path.endsWith('/server')) {
      return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'not found' };
    }
    const fault = takeApiFault(request.body);
    if (fault.delayMs) {
      await sleep(fault.delayMs, request.signal ? AbortSignal.any([request.signal, closing.signal]) : closing.signal);
    }
    if (fault.dropConnection) throw new SandboxConnectionError();
    if (fault.httpStatus) {
      return {
        status: fault.httpStatus,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: 'sandbox fault',
      };
    }
    const body = await handle(request.body, fault);
    request.signal?.throwIfAborted();
    const response: SandboxTransportResponse = {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
    };
    return response;
  };

  const control = {
    payOrder: (orderId: string) => {
      lifecycle.sweep();
      return copy(lifecycle.pay(orderId));
    },
    failOrder: (orderId: string) => {
      lifecycle.sweep();
      return copy(lifecycle.fail(orderId));
    },
    advanceOrder: (orderId: string) => copy(lifecycle.advance(orderId)),
    refundOrder: (orderId: string, refund?: { amount?: string; refundOrderId?: string }) =>
      copy(lifecycle.startRefund(orderId, refund)),
    completeRefund: (orderId: string, result?: { success?: boolean }) =>
      copy(lifecycle.completeRefund(orderId, result)),
  };

  let server: HttpServerHandle | undefined;
  notifications.resume();

  const sandbox: Sandbox = {
    async listen(port = 0, host = '127.0.0.1') {
      if (server) throw new Error('the sandbox is already listening');
      server = await startHttpServer({
        port,
        host,
        handle,
        takeApiFault,
        lifecycle,
        control,
        clock: scheduler,
        injectFault: (fault, target) => faults.inject(fault, target),
        notifications: () => notifications.list(),
      });
      boundUrl = server.url;
      return baseUrl();
    },
    async close() {
      closing.abort(new SandboxConnectionError());
      clearInterval(sweepTimer);
      notifications.stop();
      scheduler.stop();
      await scheduler.idle();
      if (server) await server.close();
      server = undefined;
      flush();
    },
    get url() {
      return baseUrl();
    },
    transport,
    // The protocol core has no connection to drop or delay: it applies only a standing wrong-signature
    // fault and leaves one-shot faults to the transports.
    handle: (body) => {
      const merchantNumber = peekMerchantNumber(body);
      const standing = merchantNumber === undefined ? undefined : findMerchant(merchantNumber)?.faults;
      return handle(body, { wrongSignature: standing?.wrongSignature === true });
    },
    etPublicKeyPem: config.etKeys.publicKeyPem,
    merchants,
    merchant: findMerchant,
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
    payUrl,
    ...control,
    clock: { now: () => scheduler.now(), advance: (ms) => scheduler.advance(ms) },
    injectFault: (fault, target) => faults.inject(fault, target),
    notifications: {
      list: () => notifications.list().map(copy),
      settled: () => notifications.settled(),
      releaseHeld: (merchantNumber) => notifications.releaseHeld(merchantNumber),
    },
  };
  return sandbox;
}
