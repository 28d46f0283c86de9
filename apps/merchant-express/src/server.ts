import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type Transport } from '@etkit/client';
import { importPrivateKey, importPublicKey } from '@etkit/crypto';
import { createApp } from './app.js';
import { type AppConfig, ConfigError } from './config.js';
import type { Database } from './db/database.js';
import { openDatabase } from './db/open.js';
import { createEtGateway } from './et-gateway.js';
import type { PaymentGateway } from './gateway.js';
import { openInstanceLive } from './live/instance-live.js';
import { staffAccessFrom } from './login/staff-access.js';
import { type ReconcileReport, reconcileOrders, startReconciliation } from './reconcile.js';
import { createRequestGate } from './request-gate.js';
import { applyServerTimeouts, type ServerTimeouts, serverTimeoutDefaults } from './server-timeouts.js';

export interface MerchantSite {
  /** Where the site listens, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** The base of the URLs given to ET (PUBLIC_URL, else `url`). */
  publicUrl: string;
  db: Database;
  gateway: PaymentGateway;
  /**
   * One full reconciliation pass, after any pass under way in this process (the timer runs the same). Reports
   * `skipped` when another instance holds the reconciliation lock.
   */
  reconcile(options?: { olderThanMs?: number }): Promise<ReconcileReport>;
  close(): Promise<void>;
}

export interface StartOptions {
  log?: (line: string) => void;
  /** Overrides the client's transport (tests: the sandbox's in-process transport). */
  transport?: Transport;
  /** HTTP server timeouts (defaults: `serverTimeoutDefaults`, README "Timeouts"). */
  timeouts?: Partial<ServerTimeouts>;
  /** How long after a notification the check it may have asked for runs. Default 1000 ms. */
  checkDelayMs?: number;
}

/** Imports both keys once, at start, so a bad key is a configuration error now rather than a failed payment later. */
async function importKeys(config: AppConfig) {
  const problems: string[] = [];
  const [merchantPrivateKey, etPublicKey] = await Promise.all([
    importPrivateKey(config.merchantPrivateKey).catch(() => {
      problems.push(
        'ET_MERCHANT_PRIVATE_KEY is not a usable RSA private key (PEM PKCS#8 or PKCS#1, or base64 DER; at least 1024 bits)',
      );
    }),
    importPublicKey(config.etPublicKey).catch(() => {
      problems.push('ET_PUBLIC_KEY is not a usable RSA public key (PEM SPKI, or base64 DER; at least 1024 bits)');
    }),
  ]);
  if (merchantPrivateKey === undefined || etPublicKey === undefined) throw new ConfigError(problems);
  return { merchantPrivateKey, etPublicKey };
}

/** Wires configuration → database → client → app, listens, and starts the reconciliation timer. */
export async function startMerchantSite(config: AppConfig, options: StartOptions = {}): Promise<MerchantSite> {
  const log = options.log ?? ((line: string) => console.log(line));
  const keys = await importKeys(config);
  const db = await openDatabase(config.database);
  const client = createClient({
    environment: config.environment,
    merchantNumber: config.merchantNumber,
    subMerchantNumber: config.subMerchantNumber,
    keys,
    profile: config.profile,
    timeoutMs: config.etTimeoutMs,
    ...(options.transport === undefined ? {} : { transport: options.transport }),
  });
  const gateway = createEtGateway(client);
  // The notification verifier takes only @etkit/crypto's options, not the client's own.
  const { serverTypes: _serverTypes, paymentUrlField: _paymentUrlField, ...protocolProfile } = config.profile;
  // Listen first: with PORT=0 and no PUBLIC_URL, the notification URL depends on the port we get.
  const timeouts = { ...serverTimeoutDefaults, ...options.timeouts };
  const server = createServer({
    headersTimeout: timeouts.headersTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    keepAliveTimeout: timeouts.keepAliveTimeoutMs,
    // Node looks for expired requests every 30 s by default: a slow sender would get up to 30 s more.
    connectionsCheckingInterval: timeouts.checkingIntervalMs,
  });
  // Requests that arrive before the app below exists wait for it (request-gate.ts).
  const gate = createRequestGate();
  try {
    applyServerTimeouts(server, timeouts, gate.handle);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const wildcard = config.host === '0.0.0.0' || config.host === '::';
  const host = wildcard ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  const publicUrl = config.publicUrl ?? url;

  const live = await openInstanceLive(config.database, db, log).catch(async (error: unknown) => {
    gate.fail();
    server.close();
    await db.close();
    throw error;
  });
  const { app, updates } = createApp({
    db,
    pagesDb: live.pagesDb,
    updates: live.updates,
    staff: staffAccessFrom(config),
    gateway,
    publicUrl,
    notifySalts: config.notifySalts,
    profile: protocolProfile,
    display: config.display,
    log,
  });
  gate.open(app);

  const reconciliation = startReconciliation(
    async (request) => {
      const report = await reconcileOrders(db, gateway, updates, {
        olderThanMs:
          request.trigger === 'now' ? (request.olderThanMs ?? config.reconcileAfterMs) : config.reconcileAfterMs,
        markedOnly: request.trigger === 'soon',
      });
      for (const found of report.discrepancies) {
        log(`reconciliation: order ${found.merchantOrderId || found.etOrderId}: ${found.problem}`);
      }
      // Another instance holds the pass: the marks wait in the database; look again shortly.
      if (report.skipped && request.trigger === 'soon') reconciliation.soon();
      return report;
    },
    { intervalMs: config.reconcileIntervalMs, soonDelayMs: options.checkDelayMs ?? 1000 },
    (error) =>
      log(`reconciliation failed: ${error instanceof Error && 'code' in error ? String(error.code) : 'error'}`),
  );
  const reconcile = (overrides: { olderThanMs?: number } = {}) => reconciliation.now(overrides.olderThanMs);
  // A notification may have marked its order for a check: look shortly after any change (the pass reads the
  // marks from the database, so marks left by a process that died are found too, starting now).
  const unsubscribe = updates.subscribe(() => reconciliation.soon());
  reconciliation.soon();

  return {
    url,
    publicUrl,
    db,
    gateway,
    reconcile,
    async close() {
      unsubscribe();
      await reconciliation.stop();
      // Live pages hold event streams open; end them so close() does not wait for the browser.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await live.close();
      await db.close();
    },
  };
}
