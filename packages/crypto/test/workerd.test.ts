import { fileURLToPath } from 'node:url';
import { type RunningWorker, startWorkerd } from '@etkit/runtime-harness/workerd';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedSmoke } from './helpers/smoke-expected.js';

// The smoke checks of runtimes.test.ts, bundled for Cloudflare Workers and run by workerd itself: its Web
// Crypto generates the round-trip keys, and the bundle proves the package needs no `node:*` module.

let worker: RunningWorker;

beforeAll(async () => {
  worker = await startWorkerd({ entry: fileURLToPath(new URL('runtime/workerd-entry.ts', import.meta.url)) });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
});

describe('workerd (Cloudflare Workers runtime)', () => {
  it('runs the smoke checks inside a request', { timeout: 60_000 }, async () => {
    const response = await fetch(`${worker.url}/smoke`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(expectedSmoke);
  });
});
