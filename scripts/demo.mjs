#!/usr/bin/env node
// `pnpm demo`: a local EasyTransfer (the sandbox) and the sample merchant site, wired together with keys and a
// salt generated for this run. Open the printed URL, create an order, pay it on the sandbox page and watch its
// status change. Ctrl-C stops both. Runs after `pnpm demo` has built packages/*.
//
//   PORT          merchant site port (default 3000)
//   SANDBOX_PORT  sandbox port (default 4000)
//   DEMO_SMOKE=1  run one order through (sign in → create → pay → notification → paid) without a person, then exit 0
//   DEMO_PGLITE_TEMPLATE  a PGlite data directory (initdb done) the site's database starts as a copy of, instead of
//                 creating one (seconds on a busy machine); the tests pass theirs
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const appDirectory = join(root, 'apps', 'merchant-express');
const sandboxEntry = join(root, 'packages', 'sandbox', 'dist', 'index.js');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const smoke = process.env.DEMO_SMOKE === '1';
const host = '127.0.0.1';

function port(name, fallback) {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 65_535) fail(`${name} must be a port number (1-65535)`);
  return Number(text);
}

// Everything generated for this run lives here and is deleted on exit, a failed start included.
let runDirectory;

function fail(message) {
  console.error(`demo: ${message}`);
  if (runDirectory !== undefined) rmSync(runDirectory, { recursive: true, force: true });
  process.exit(1);
}

/** One friendly line, before anything is created, when a port is taken (or not ours to use). */
async function ensurePortFree(port, variable, what) {
  const probe = createServer();
  const code = await new Promise((resolve) => {
    probe.once('error', (error) => resolve(error.code ?? 'error'));
    probe.listen(port, host, () => probe.close(() => resolve(undefined)));
  });
  if (code === 'EADDRINUSE') {
    fail(
      `port ${port} on ${host} (${variable}, ${what}) is already in use: stop what uses it or set ${variable} to a free port`,
    );
  }
  if (code !== undefined) fail(`${what} cannot listen on ${host}:${port} (${code}): set ${variable} to another port`);
}

const merchantPort = port('PORT', 3000);
const sandboxPort = port('SANDBOX_PORT', 4000);
if (merchantPort === sandboxPort) fail('PORT and SANDBOX_PORT must differ');
await ensurePortFree(merchantPort, 'PORT', 'the merchant site');
await ensurePortFree(sandboxPort, 'SANDBOX_PORT', 'the EasyTransfer sandbox');
if (!existsSync(sandboxEntry)) fail('packages are not built: run `pnpm demo` (it builds them first)');
if (!existsSync(tsx)) fail('tsx is missing: run `pnpm install` first');

const { createSandbox } = await import(pathToFileURL(sandboxEntry).href);

runDirectory = mkdtempSync(join(tmpdir(), 'etkit-demo-'));
const salt = randomBytes(16).toString('hex');
// The site's pages are for the merchant's staff: a sign-in made for this run, printed below.
const staffUser = 'staff';
const staffPassword = randomBytes(12).toString('base64url');
let merchantProcess;
let sandbox;
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (merchantProcess && merchantProcess.exitCode === null) {
    const exited = new Promise((resolve) => merchantProcess.once('exit', resolve));
    merchantProcess.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  }
  await sandbox?.close().catch(() => {});
  rmSync(runDirectory, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  sandbox = await createSandbox({
    merchants: [{ merchantNumber: 'ET82009', subMerchantNumbers: ['ET82009S001'], salt }],
    log: () => {}, // the generated keys stay in memory: nothing to print
  });
  await sandbox.listen(sandboxPort, host);
} catch (error) {
  fail(`the sandbox could not start on ${host}:${sandboxPort} (${error.code ?? error.message}); set SANDBOX_PORT`);
}
const merchant = sandbox.merchants[0];
const sandboxUrl = sandbox.url;
const merchantUrl = `http://${host}:${merchantPort}`;

const merchantDatabase = join(runDirectory, 'merchant-db');
const pgliteTemplate = process.env.DEMO_PGLITE_TEMPLATE;
if (pgliteTemplate) {
  if (!existsSync(join(pgliteTemplate, 'PG_VERSION'))) fail('DEMO_PGLITE_TEMPLATE is not a PGlite data directory');
  cpSync(pgliteTemplate, merchantDatabase, { recursive: true });
}

// The merchant site is the sample app, configured by environment variables: src/main.ts under tsx's loader, as
// `pnpm start` runs it, but in this process's `node` directly rather than through the tsx command, which would
// start a second Node process only to relay signals to it (half a second of CPU at every start).
merchantProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: appDirectory,
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    ...process.env,
    HOST: host,
    PORT: String(merchantPort),
    PUBLIC_URL: merchantUrl,
    ET_ENVIRONMENT: `${sandboxUrl}/server`,
    ET_MERCHANT_NUMBER: merchant.merchantNumber,
    ET_SUB_MERCHANT_NUMBER: merchant.subMerchantNumbers[0],
    ET_MERCHANT_PRIVATE_KEY: merchant.privateKeyPem,
    ET_PUBLIC_KEY: sandbox.etPublicKeyPem,
    ET_NOTIFY_SALT: salt,
    STAFF_USER: staffUser,
    STAFF_PASSWORD: staffPassword,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    PGLITE_DATA_DIR: merchantDatabase,
    RECONCILE_INTERVAL_SECONDS: '30',
    RECONCILE_AFTER_SECONDS: '60',
  },
});
const prefix = (stream, target) =>
  stream.on('data', (chunk) => {
    for (const line of String(chunk).split('\n')) if (line.trim() !== '') target.write(`  [merchant] ${line}\n`);
  });
prefix(merchantProcess.stdout, process.stdout);
prefix(merchantProcess.stderr, process.stderr);
merchantProcess.on('exit', (code) => {
  if (!stopping) {
    console.error(`demo: the merchant site exited (code ${code}); see its output above`);
    void stop(1);
  }
});

// Refund results and remittance vouchers go to the merchant's configured URL (PROTOCOL.md §8).
merchant.notifyUrl = `${merchantUrl}/notifications`;

// No deadline: a site that fails exits (and the exit handler above stops the demo with 1); on a busy machine the
// first start, which creates the database, can take a minute, and Ctrl-C stops the wait like anything else.
async function waitForMerchant() {
  const noteAt = Date.now() + 20_000;
  let noted = false;
  for (;;) {
    try {
      if ((await fetch(`${merchantUrl}/health`)).ok) return;
    } catch {}
    if (!noted && Date.now() > noteAt) {
      noted = true;
      console.log('demo: the merchant site is still starting (it creates its database first)…');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
await waitForMerchant();

if (smoke) {
  await runSmoke();
} else {
  console.log(`
  etkit demo is running.

    Merchant site (open this):  ${merchantUrl}
    EasyTransfer sandbox:       ${sandboxUrl}
    Staff sign-in:              user ${staffUser}, password ${staffPassword}

  1. Open ${merchantUrl}/orders/new, sign in, and create a tuition or rent order.
  2. Press "Pay with EasyTransfer": you land on the sandbox's payment page.
  3. Press "Pay": you come back to the order, which turns to "Payment successful" when the
     signed notification arrives. The order list (${merchantUrl}/orders) updates live.

  Keys, the notification salt and the sign-in were generated for this run; orders live in
  ${runDirectory} and are deleted when you stop. Press Ctrl-C to stop.
`);
}

/** DEMO_SMOKE=1: the same steps over HTTP, checked, then exit. */
async function runSmoke() {
  const step = (text) => console.log(`smoke: ${text}`);
  const expectRedirect = (response, what) => {
    const location = response.headers.get('location');
    if (response.status !== 303 || location === null)
      throw new Error(`${what}: expected a 303 redirect, got ${response.status}`);
    return new URL(location, response.url).href;
  };
  try {
    const signedIn = await fetch(`${merchantUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user: staffUser, password: staffPassword, next: '/orders' }),
    });
    expectRedirect(signedIn, 'sign in');
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
    if (cookie === '') throw new Error('sign in: no session cookie');
    step(`signed in as ${staffUser} (password ${staffPassword}, generated for this run)`);

    const created = await fetch(`${merchantUrl}/orders`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({
        studentFirstName: 'Demo',
        studentLastName: 'Student',
        studentEmail: 'demo.student@example.test',
        schoolName: 'University of Demo',
        countryCode: 'GBR',
        feeType: '7',
        amount: '9500.00',
        currencyCode: 'GBP',
      }),
    });
    const orderUrl = expectRedirect(created, 'create order');
    step(`order created: ${orderUrl}`);

    const pay = await fetch(`${orderUrl}/pay`, { method: 'POST', redirect: 'manual', headers: { cookie } });
    const payUrl = expectRedirect(pay, 'pay');
    if (!payUrl.startsWith(sandboxUrl)) throw new Error(`pay: expected the sandbox payment page, got ${payUrl}`);
    step(`payment page: ${payUrl}`);

    const paid = await fetch(payUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'pay' }),
    });
    const back = expectRedirect(paid, 'sandbox pay');
    if (back !== orderUrl) throw new Error(`sandbox pay: expected a return to ${orderUrl}, got ${back}`);
    step('paid on the sandbox; waiting for the notification');

    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const page = await (await fetch(orderUrl, { headers: { cookie } })).text();
      const status = /data-live="status"[^>]*>([^<]*)</.exec(page)?.[1];
      if (status === 'Payment successful') {
        step('order status is "Payment successful": the demo works');
        return stop(0);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the order did not reach "Payment successful" within 20 s');
  } catch (error) {
    console.error(`smoke: FAILED: ${error.message}`);
    return stop(1);
  }
}
