import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openResponse, sealRequest } from '@etkit/crypto';
import { afterEach, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../src/index.js';
import { sampleOrder } from './helpers/sandbox.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Creates an order through the protocol core, as a merchant would, with a notify_url; returns its ET order id. */
async function createOrderThroughHandle(sandbox: Sandbox): Promise<string> {
  const merchant = sandbox.merchants[0]!;
  const envelope = await sealRequest(
    { server_type: 'add_special_rent_order', merchant_number: 'ET82009', sub_merchant_number: 'ET82009S001' },
    {
      merchantPrivateKey: merchant.privateKeyPem!,
      etPublicKey: sandbox.etPublicKeyPem,
      sensitive: { ...sampleOrder, notify_url: 'https://merchant.example.test/n' },
    },
  );
  const opened = await openResponse(await sandbox.handle(JSON.stringify(envelope)), {
    etPublicKey: sandbox.etPublicKeyPem,
    merchantPrivateKey: merchant.privateKeyPem!,
  });
  return (opened.data as Array<{ order_id: string }>)[0]!.order_id;
}

it('generates keys once, prints paths (never keys), and keeps orders, serials and config across a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'etkit-sandbox-'));
  dirs.push(dataDir);
  const lines: string[] = [];
  const first = await createSandbox({ dataDir, keyBits: 1024, log: (line) => lines.push(line) });
  const merchant = first.merchants[0]!;
  expect(merchant.merchantNumber).toBe('ET82009');
  expect(merchant.subMerchantNumbers).toEqual(['ET82009S001']);
  const printed = lines.join('\n');
  expect(printed).toContain(join(dataDir, 'keys', 'ET82009-merchant-private.pem'));
  expect(printed).toContain(join(dataDir, 'sandbox.json'));
  expect(printed).not.toContain('PRIVATE KEY');
  expect(printed).not.toContain(merchant.privateKeyPem!.split('\n')[1]!);
  expect(statSync(join(dataDir, 'keys', 'ET82009-merchant-private.pem')).mode & 0o777).toBe(0o600);
  expect(statSync(join(dataDir, 'keys', 'et-private.pem')).mode & 0o777).toBe(0o600);

  const envelope = await sealRequest(
    { server_type: 'add_special_rent_order', merchant_number: 'ET82009', sub_merchant_number: 'ET82009S001' },
    { merchantPrivateKey: merchant.privateKeyPem!, etPublicKey: first.etPublicKeyPem, sensitive: sampleOrder },
  );
  const body = JSON.stringify(envelope);
  const opened = await openResponse(await first.handle(body), {
    etPublicKey: first.etPublicKeyPem,
    merchantPrivateKey: merchant.privateKeyPem!,
  });
  const orderId = (opened.data as Array<{ order_id: string }>)[0]!.order_id;
  first.payOrder(orderId);
  await first.close();
  // written atomically: no temp files left behind
  expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  expect(JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')).orders[orderId].status).toBe(1);

  const secondLines: string[] = [];
  const second = await createSandbox({ dataDir, log: (line) => secondLines.push(line) });
  expect(secondLines).toEqual([]); // printed once, on first start only
  expect(second.etPublicKeyPem).toBe(first.etPublicKeyPem);
  expect(second.merchants[0]!.salt).toBe(merchant.salt);
  expect(second.orders.get(orderId)!.status).toBe(1);
  // the serial number used before the restart is still spent
  const replay = await openResponse(await second.handle(body), {
    etPublicKey: second.etPublicKeyPem,
    merchantPrivateKey: merchant.privateKeyPem!,
  });
  expect(replay.statusCode).toBe('SBX409');
  await second.close();
});

it('resumes pending notification resends after a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'etkit-sandbox-'));
  dirs.push(dataDir);
  let now = Date.UTC(2026, 10, 28);
  const clock = { now: () => now };
  const calls: string[] = [];
  const failing = (async () => {
    calls.push('x');
    return new Response('no', { status: 503 });
  }) as typeof fetch;
  const first = await createSandbox({ dataDir, keyBits: 1024, log: () => {}, clock, fetch: failing });
  const orderId = await createOrderThroughHandle(first);
  first.payOrder(orderId);
  await first.notifications.settled();
  expect(calls).toHaveLength(1);
  await first.close();

  const acks: string[] = [];
  const healthy = (async () => {
    acks.push('ok');
    return new Response('{"notify_result":"OK"}');
  }) as typeof fetch;
  now += 30_000;
  const second = await createSandbox({ dataDir, log: () => {}, clock, fetch: healthy });
  await second.clock.advance(29_999);
  expect(acks).toHaveLength(0);
  await second.clock.advance(1);
  expect(acks).toHaveLength(1);
  expect(second.notifications.list()[0]!.state).toBe('delivered');
  // Attempt numbering goes on from the saved log: the resend after the restart is the second attempt.
  expect(second.notifications.list()[0]!.attempts.map((attempt) => attempt.sequence)).toEqual([1, 2]);
  await second.close();
});

it('keeps the sandbox clock across a restart, so advanced time and due resends do not move back', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'etkit-sandbox-'));
  dirs.push(dataDir);
  const clock = { now: () => Date.UTC(2026, 10, 28) };
  const failing = (async () => new Response('no', { status: 503 })) as typeof fetch;
  const first = await createSandbox({ dataDir, keyBits: 1024, log: () => {}, clock, fetch: failing });
  const orderId = await createOrderThroughHandle(first);
  await first.clock.advance(60 * 60_000);
  first.payOrder(orderId);
  await first.notifications.settled(); // first delivery fails; the resend is due one minute later
  const sandboxNow = first.clock.now();
  await first.close();

  const acks: string[] = [];
  const healthy = (async () => {
    acks.push('ok');
    return new Response('{"notify_result":"OK"}');
  }) as typeof fetch;
  const second = await createSandbox({ dataDir, log: () => {}, clock, fetch: healthy });
  expect(second.clock.now()).toBe(sandboxNow);
  await second.clock.advance(60_000);
  expect(acks).toHaveLength(1);
  expect(second.notifications.list()[0]!.state).toBe('delivered');
  await second.close();
});

it('a state.json that is JSON but not a sandbox state is reported by name, not as a TypeError', async () => {
  for (const text of ['null', '[]', '"state"', '{"version":1,"orders":null}']) {
    const dataDir = mkdtempSync(join(tmpdir(), 'etkit-sandbox-'));
    dirs.push(dataDir);
    writeFileSync(join(dataDir, 'state.json'), text);
    await expect(createSandbox({ dataDir, keyBits: 1024, log: () => {} })).rejects.toThrow(/state\.json/);
  }
});

it('writes nothing after close: a change made just before close is saved once, and a removed data directory stays removed', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'etkit-sandbox-'));
  dirs.push(dataDir);
  const sandbox = await createSandbox({ dataDir, keyBits: 1024, log: () => {} });
  const orderId = await createOrderThroughHandle(sandbox);
  sandbox.payOrder(orderId); // asks for a write, queued for the next turn of the event loop
  await sandbox.close();
  const saved = JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')) as {
    orders: Record<string, { status: number }>;
  };
  expect(saved.orders[orderId]!.status).toBe(1);

  rmSync(dataDir, { recursive: true, force: true });
  sandbox.advanceOrder(orderId); // a change after close stays in memory
  for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  expect(existsSync(dataDir)).toBe(false);
});
