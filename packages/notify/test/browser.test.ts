import { fileURLToPath } from 'node:url';
import { type BrowserRun, bundleForBrowser, openInChromium } from '@etkit/runtime-harness/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedPortableCheck } from './helpers/portable-expected.js';

// The portable check bundled for the browser and run in headless Chromium: the core opens every vector with the
// browser's FormData and Web Crypto, and the fetch adapter answers the browser's own Request objects.
describe('in headless Chromium', () => {
  let run: BrowserRun | undefined;

  beforeAll(async () => {
    // bundleForBrowser fails here if anything on the portable path imports a Node built-in.
    run = await openInChromium(
      await bundleForBrowser(fileURLToPath(new URL('./runtime/browser-entry.ts', import.meta.url))),
    );
  }, 60_000);
  afterAll(() => run?.close());

  it('the core and the fetch adapter give the same answers as on Bun and Deno', async () => {
    // served: false because a page has no HTTP server; the handler is called in the page instead.
    expect(await run!.firstJsonLine).toEqual({ ...expectedPortableCheck, served: false });
  }, 60_000);
});
