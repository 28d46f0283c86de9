import { existsSync } from 'node:fs';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Debian Chromium; fails (never skips) when Chromium is not installed. One browser process serves several
 * contexts: each `newContext()` is a fresh profile with its own cookies (two sites on 127.0.0.1 differ only by
 * port, and cookies ignore ports, so two signed-in sites need two contexts).
 */
export async function launchBrowser(): Promise<{ newContext(): Promise<BrowserContext>; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it with: sudo bash scripts/ci/system-deps.d/10-chromium.sh ` +
        '(Debian package "chromium").',
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
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
