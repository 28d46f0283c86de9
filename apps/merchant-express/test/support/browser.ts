import { findChromium } from '@etkit/runtime-harness/system-binaries';
import { type BrowserContext, chromium } from 'playwright-core';

/**
 * Headless Chromium ($ETKIT_CHROMIUM, else Debian's /usr/bin/chromium); fails (never skips), saying what to
 * install, when there is none. One browser process serves several contexts: each `newContext()` is a fresh
 * profile with its own cookies (two sites on 127.0.0.1 differ only by port, and cookies ignore ports, so two
 * signed-in sites need two contexts).
 */
export async function launchBrowser(): Promise<{ newContext(): Promise<BrowserContext>; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    newContext: () => browser.newContext({ viewport: { width: 1100, height: 760 } }),
    close: () => browser.close(),
  };
}
