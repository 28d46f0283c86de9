import { fileURLToPath } from 'node:url';
import { type BrowserRun, bundleForBrowser, openInChromium } from '@etkit/runtime-harness/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedSmoke } from './helpers/smoke-expected.js';

// The runtime smoke checks (vectors, sign/verify, seal/open with keys from the browser's own Web Crypto),
// bundled for the browser from the package's portable entry and run in headless Chromium.

describe('in headless Chromium', () => {
  let run: BrowserRun | undefined;

  beforeAll(async () => {
    // bundleForBrowser fails here if anything on the portable path imports a Node built-in.
    run = await openInChromium(
      await bundleForBrowser(fileURLToPath(new URL('./runtime/browser-entry.ts', import.meta.url))),
    );
  }, 60_000);
  afterAll(() => run?.close());

  it('refuses to bundle a Node built-in (the portability check can fail)', async () => {
    const nodeOnly = fileURLToPath(new URL('./runtime/node-only.ts', import.meta.url));
    await expect(bundleForBrowser(nodeOnly)).rejects.toThrow(/node-only\.ts imports node:crypto/);
  });

  it('passes the same smoke checks as Bun and Deno', async () => {
    expect(await run!.firstJsonLine).toEqual(expectedSmoke);
  }, 60_000);
});
