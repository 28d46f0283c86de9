import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type Transport } from '@etkit/client';
import { importPrivateKey, importPublicKey } from '@etkit/crypto';
import { createApp } from './app';
import { type AppConfig, ConfigError } from './config';
import type { Database } from './db/database';
import { openDatabase } from './db/open';
import { createEtGateway } from './et-gateway';
import type { PaymentGateway } from './gateway';
import { openInstanceLive } from './live/instance-live';
import { staffAccessFrom } from './login/staff-access';
import { type ReconcileReport, reconcileOrders, startReconciliation } from './reconcile';

export interface MerchantSite {
  /** Where the site listens, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** The base of the URLs given to ET (PUBLIC_URL, else `url`). */
  publicUrl: string;
  db: Database;
  gateway: PaymentGateway;
  /** One reconciliation pass now (the timer runs the same). */
  reconcile(options?: { olderThanMs?: number }): Promise<ReconcileReport>;
  close(): Promise<void>;
}

export interface StartOptions {
  log?: (line: string) => void;
  /** Overrides the client's transport (tests: the sandbox's in-process transport). */
  transport?: Transport;
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
  const server = createServer();
  try {
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
    log,
  });
  server.on('request', app);

  const reconcile = (overrides: { olderThanMs?: number } = {}) =>
    reconcileOrders(db, gateway, updates, { olderThanMs: overrides.olderThanMs ?? config.reconcileAfterMs });
  const stopReconciliation =
    config.reconcileIntervalMs > 0
      ? startReconciliation(reconcile, config.reconcileIntervalMs, (error) =>
          log(`reconciliation failed: ${error instanceof Error && 'code' in error ? String(error.code) : 'error'}`),
        )
      : () => {};

  return {
    url,
    publicUrl,
    db,
    gateway,
    reconcile,
    async close() {
      stopReconciliation();
      // Live pages hold event streams open; end them so close() does not wait for the browser.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await live.close();
      await db.close();
    },
  };
}
