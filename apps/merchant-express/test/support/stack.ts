import { randomBytes } from 'node:crypto';
import { createSandbox, type Sandbox, type TimeSource } from '@etkit/sandbox';
import { loadConfig } from '../../src/config.js';
import { type MerchantSite, startMerchantSite } from '../../src/server.js';
import type { ServerTimeouts } from '../../src/server-timeouts.js';
import type { DatabaseKind } from './databases.js';
import { copyPgliteTemplate } from './pglite-template.js';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster.js';
import { signIn, TEST_STAFF } from './staff.js';

export interface Stack {
  sandbox: Sandbox;
  site: MerchantSite;
  logs: string[];
  salt: string;
  /** A signed-in staff member's Cookie header value: send it with page requests and form posts. */
  cookie: string;
  close(): Promise<void>;
}

/**
 * The sandbox (a local EasyTransfer, over HTTP) and the merchant site wired together as the demo wires them:
 * the site's client talks to the sandbox's /server, the sandbox notifies the site's /notifications.
 * `publicUrl` overrides where the site tells ET to send notifications (a dead address loses them).
 */
export async function startStack(
  kind: DatabaseKind,
  options: {
    publicUrl?: string;
    clock?: TimeSource;
    checkDelayMs?: number;
    timeouts?: Partial<ServerTimeouts>;
    /** PGlite in a copy of a ready-made data directory instead of a new `memory://` one (seconds faster). */
    pgliteFromTemplate?: boolean;
  } = {},
): Promise<Stack> {
  const cleanups: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };
  try {
    let cluster: PostgresCluster | undefined;
    if (kind === 'postgres') {
      cluster = await startPostgresCluster();
      cleanups.push(() => cluster!.stop());
    }
    let pgliteDataDir = 'memory://';
    if (kind === 'pglite' && options.pgliteFromTemplate) {
      const copy = await copyPgliteTemplate();
      pgliteDataDir = copy.dataDir;
      cleanups.push(async () => copy.remove());
    }
    const salt = randomBytes(12).toString('hex');
    const sandbox = await createSandbox({
      keyBits: 1024, // start-up speed; the protocol is the same at 2048
      timeScale: 0.001,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      log: () => {},
      merchants: [{ merchantNumber: 'ET82009', salt }],
    });
    const sandboxUrl = await sandbox.listen(0, '127.0.0.1');
    cleanups.push(() => sandbox.close());
    const merchant = sandbox.merchants[0]!;

    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      ...(options.publicUrl === undefined ? {} : { PUBLIC_URL: options.publicUrl }),
      ET_ENVIRONMENT: `${sandboxUrl}/server`,
      ET_MERCHANT_NUMBER: merchant.merchantNumber,
      ET_SUB_MERCHANT_NUMBER: merchant.subMerchantNumbers[0],
      ET_MERCHANT_PRIVATE_KEY: merchant.privateKeyPem,
      ET_PUBLIC_KEY: sandbox.etPublicKeyPem,
      ET_NOTIFY_SALT: salt,
      RECONCILE_INTERVAL_SECONDS: '0',
      STAFF_USER: TEST_STAFF.user,
      STAFF_PASSWORD: TEST_STAFF.password,
      // Short enough for the timeout test, long for a loaded machine (the sandbox answers in milliseconds).
      ET_TIMEOUT_MS: '5000',
      ...(cluster === undefined ? { PGLITE_DATA_DIR: pgliteDataDir } : { DATABASE_URL: cluster.url }),
    });
    const logs: string[] = [];
    const site = await startMerchantSite(config, {
      log: (line) => logs.push(line),
      ...(options.checkDelayMs === undefined ? {} : { checkDelayMs: options.checkDelayMs }),
      ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
    });
    cleanups.push(() => site.close());
    // Refund results and vouchers go to the merchant's configured URL, not the order's (PROTOCOL.md §8).
    merchant.notifyUrl = `${site.publicUrl}/notifications`;
    const cookie = await signIn(site.url);
    return { sandbox, site, logs, salt, cookie, close };
  } catch (error) {
    await close();
    throw error;
  }
}
