import { randomBytes } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import { generateKeyPair, openRequest } from '@etkit/crypto';
import { freePort } from '@etkit/runtime-harness/free-port';
import { createSandbox, type Sandbox } from '@etkit/sandbox';
import pg from 'pg';
import { postOrderForm } from './orders.js';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster.js';
import { SiteProcess } from './site-process.js';
import { signIn, TEST_STAFF } from './staff.js';

/** One forwarded request, as the balancer saw it (status 0 while the answer is awaited). */
export interface Forwarded {
  path: string;
  instance: number;
  status: number;
}

const readBody = (req: import('node:http').IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`);
    }),
  );

/**
 * A round-robin load balancer in front of the instances, as nginx does it: a connection refused moves on to the
 * next instance (nothing was sent); a request that dies after it was sent answers 502 (a POST is not retried).
 * `onForward` runs once the request reached an instance, before its answer: a test kills the instance there.
 */
export async function startBalancer(ports: readonly number[]) {
  let next = 0;
  const log: Forwarded[] = [];
  const hooks = { onForward: undefined as ((instance: number) => void) | undefined };
  const tryInstance = (
    instance: number,
    req: import('node:http').IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer } | 'refused'> =>
    new Promise((resolve) => {
      const upstream = request(
        {
          host: '127.0.0.1',
          port: ports[instance],
          method: req.method,
          path: req.url,
          headers: { ...req.headers, 'content-length': String(body.length), connection: 'close' },
        },
        (response) => {
          readBody(response).then(
            (text) => {
              const headers: Record<string, string> = {};
              for (const [name, value] of Object.entries(response.headers)) {
                if (typeof value === 'string' && name !== 'transfer-encoding' && name !== 'connection')
                  headers[name] = value;
              }
              resolve({ status: response.statusCode ?? 502, headers, body: text });
            },
            () => resolve({ status: 502, headers: {}, body: Buffer.from('upstream died') }),
          );
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) =>
        resolve(
          error.code === 'ECONNREFUSED' ? 'refused' : { status: 502, headers: {}, body: Buffer.from('upstream died') },
        ),
      );
      upstream.end(body, () => hooks.onForward?.(instance));
    });
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    for (let tries = 0; tries < ports.length; tries += 1) {
      const instance = next;
      next = (next + 1) % ports.length;
      // Logged in the order requests are sent on, whatever order the answers come back in.
      const entry: Forwarded = { path: req.url ?? '', instance, status: 0 };
      log.push(entry);
      const answer = await tryInstance(instance, req, body);
      if (answer === 'refused') {
        log.splice(log.indexOf(entry), 1);
        continue;
      }
      entry.status = answer.status;
      res.writeHead(answer.status, answer.headers).end(answer.body);
      return;
    }
    log.push({ path: req.url ?? '', instance: -1, status: 502 });
    res.writeHead(502).end('no instance');
  });
  const url = await listen(server);
  return {
    url,
    log,
    hooks,
    /** The next request goes to this instance. */
    pointAt(instance: number) {
      next = instance;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Forwards the sites' API requests to the sandbox and records, per ET order id, how many batch queries asked
 * about it: it opens each request with ET's private key, as ET does (the query keys travel encrypted).
 */
async function startCountingApiProxy(sandboxUrl: string, merchantPublicKey: string, etPrivateKey: string) {
  const asked = new Map<string, number>();
  const server = createServer(async (req, res) => {
    const body = (await readBody(req)).toString('utf8');
    try {
      const fields = JSON.parse(body) as { server_type?: string };
      if (fields.server_type === 'batch_special_query_order_info') {
        const opened = await openRequest(body, { merchantPublicKey, etPrivateKey });
        const ids = (opened.sensitive as { order_ids?: string[] } | undefined)?.order_ids ?? [];
        for (const id of ids) asked.set(id, (asked.get(id) ?? 0) + 1);
      }
    } catch {
      // not ours to judge: the sandbox answers it
    }
    const answer = await fetch(`${sandboxUrl}${req.url}`, {
      method: req.method,
      headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
    });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  const url = await listen(server);
  return { url, asked, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface Instances {
  cluster: PostgresCluster;
  sandbox: Sandbox;
  salt: string;
  sites: SiteProcess[];
  /** Each instance's own address (`sites[i]`). */
  urls: string[];
  balancer: Awaited<ReturnType<typeof startBalancer>>;
  /** Batch queries per ET order id, as the sandbox received them. */
  asked: Map<string, number>;
  /** A pool on the shared database, for the test's own counting. */
  db: pg.Pool;
  close(): Promise<void>;
}

/**
 * `count` instances of the site as real processes (`src/main.ts`, as `pnpm start` runs it), each on its own port,
 * all on one PostgreSQL server, with the same salts, keys and SESSION_SECRET, and PUBLIC_URL the balancer's: ET
 * (the sandbox) notifies the balancer, which spreads the notifications round-robin.
 */
export async function startInstances(count: number, env: Record<string, string> = {}): Promise<Instances> {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
  };
  try {
    const cluster = await startPostgresCluster();
    cleanups.push(() => cluster.stop());
    const salt = randomBytes(12).toString('hex');
    const etKeyPair = await generateKeyPair(1024);
    const sandbox = await createSandbox({
      keyBits: 1024, // start-up speed; the protocol is the same at 2048
      etKeyPair,
      timeScale: 0.001,
      log: () => {},
      merchants: [{ merchantNumber: 'ET82009', salt }],
    });
    const sandboxUrl = await sandbox.listen(0, '127.0.0.1');
    cleanups.push(() => sandbox.close());
    const merchant = sandbox.merchants[0]!;
    const api = await startCountingApiProxy(sandboxUrl, merchant.publicKeyPem, etKeyPair.privateKeyPem);
    cleanups.push(() => api.close());

    const ports: number[] = [];
    for (let i = 0; i < count; i += 1) ports.push(await freePort());
    const balancer = await startBalancer(ports);
    cleanups.push(() => balancer.close());
    const shared: Record<string, string> = {
      HOST: '127.0.0.1',
      PUBLIC_URL: balancer.url,
      DATABASE_URL: cluster.url,
      ET_ENVIRONMENT: `${api.url}/server`,
      ET_MERCHANT_NUMBER: merchant.merchantNumber,
      ET_SUB_MERCHANT_NUMBER: merchant.subMerchantNumbers[0]!,
      ET_MERCHANT_PRIVATE_KEY: merchant.privateKeyPem ?? '',
      ET_PUBLIC_KEY: sandbox.etPublicKeyPem,
      ET_NOTIFY_SALT: salt,
      STAFF_USER: TEST_STAFF.user,
      STAFF_PASSWORD: TEST_STAFF.password,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      ET_TIMEOUT_MS: '5000',
      RECONCILE_INTERVAL_SECONDS: '0',
      ...env,
    };
    const sites = ports.map((port) => new SiteProcess({ ...shared, PORT: String(port) }));
    for (const site of sites) cleanups.push(() => site.kill());
    // One after another: the first applies the migrations, the others find them applied.
    await sites[0]!.start();
    await Promise.all(sites.slice(1).map((site) => site.start()));
    merchant.notifyUrl = `${balancer.url}/notifications`;
    const db = new pg.Pool({ connectionString: cluster.url, max: 2 });
    cleanups.push(() => db.end());
    return {
      cluster,
      sandbox,
      salt,
      sites,
      urls: ports.map((port) => `http://127.0.0.1:${port}`),
      balancer,
      asked: api.asked,
      db,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Signs in on one instance; the cookie it returns is what the browser sends to whichever instance it reaches. */
export const signInOn = (url: string) => signIn(url);

/** Creates an order through an instance's form, as a browser would; returns both ids. */
export async function createOrderOn(url: string, cookie: string, db: pg.Pool, amount = '1200.00') {
  const merchantOrderId = await postOrderForm(url, cookie, amount);
  const { rows } = await db.query<{ et_order_id: string | null }>(
    'SELECT et_order_id FROM orders WHERE merchant_order_id = $1',
    [merchantOrderId],
  );
  if (!rows[0]?.et_order_id) throw new Error('the order was not created at ET');
  return { merchantOrderId, etOrderId: rows[0].et_order_id };
}
