import { fileURLToPath } from 'node:url';
import { type RunningWorker, startWorkerd } from '@etkit/runtime-harness/workerd';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedPortableCheck } from './helpers/portable-expected.js';

// The portable check of runtimes.test.ts, bundled for Cloudflare Workers and run by workerd itself: its own
// Request, Response and FormData, its HTTP socket serving the fetch adapter, and a bundle without `node:*`.

let worker: RunningWorker;

beforeAll(async () => {
  worker = await startWorkerd({
    entry: fileURLToPath(new URL('runtime/workerd-entry.ts', import.meta.url)),
    loopbackOutbound: true,
  });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
});

describe('workerd (Cloudflare Workers runtime)', () => {
  it('runs the core and serves the fetch adapter', { timeout: 60_000 }, async () => {
    const response = await fetch(`${worker.url}/check`);
    expect(response.status, worker.output()).toBe(200);
    expect(await response.json()).toEqual(expectedPortableCheck);
  });
});
