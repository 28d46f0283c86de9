import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { type BrowserRun, bundleForBrowser, openInChromium } from '@etkit/runtime-harness/chromium';
import { createSandbox, type Sandbox } from '@etkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserCheck } from './fixtures/client-browser-entry.js';

// The client core with its fetch transport, bundled for the browser and run in headless Chromium against the
// sandbox ET. The sandbox sends no CORS headers, so the page's own server forwards /et/* to it: same origin.
describe('in headless Chromium', () => {
  let sandbox: Sandbox | undefined;
  let run: BrowserRun | undefined;

  beforeAll(async () => {
    sandbox = await createSandbox({ keyBits: 1024, log: () => {} });
    const sandboxUrl = await sandbox.listen(0, '127.0.0.1');
    const forwardToSandbox = async (request: IncomingMessage, response: ServerResponse) => {
      if (!request.url?.startsWith('/et/')) return false;
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const answer = await fetch(`${sandboxUrl}${request.url.slice('/et'.length)}`, {
        method: request.method,
        headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
        body: request.method === 'POST' ? Buffer.concat(chunks) : undefined,
      });
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
      response.end(Buffer.from(await answer.arrayBuffer()));
      return true;
    };
    // bundleForBrowser fails here if anything on the portable path imports a Node built-in.
    const bundle = await bundleForBrowser(
      fileURLToPath(new URL('./fixtures/client-browser-entry.ts', import.meta.url)),
    );
    run = await openInChromium(bundle, forwardToSandbox);
  }, 60_000);
  afterAll(async () => {
    await run?.close();
    await sandbox?.close();
  });

  it('creates an order, reads its payment URL and types a business error', async () => {
    const merchant = sandbox!.merchants[0]!;
    const input = {
      environment: `${run!.origin}/et/server`,
      merchantNumber: merchant.merchantNumber,
      subMerchantNumber: merchant.subMerchantNumbers[0]!,
      // Keys made by the sandbox in this Node process, handed to the page as PEM text.
      merchantPrivateKey: merchant.privateKeyPem!,
      etPublicKey: sandbox!.etPublicKeyPem,
    };
    await run!.page.waitForFunction(() => 'etkitBrowserCheck' in globalThis, undefined, { timeout: 30_000 });
    const observed = await run!.page.evaluate(
      (args) => (globalThis as unknown as { etkitBrowserCheck: BrowserCheck }).etkitBrowserCheck(args),
      input,
    );

    expect(observed).toEqual({
      entry: 'portable',
      orderId: expect.any(String),
      payUrl: sandbox!.payUrl(observed.orderId!),
      failure: { code: 'API_ERROR', statusCode: 'SBX404' },
    });
    // The sandbox verified and decrypted what the browser sealed: the order holds the page's fields.
    expect(sandbox!.orders.get(observed.orderId!)).toMatchObject({
      merchantOrderId: 'BROWSER-1',
      merchantUserKey: 'user-42',
      tuition: '10000.00',
      status: 0,
    });
  }, 60_000);
});
