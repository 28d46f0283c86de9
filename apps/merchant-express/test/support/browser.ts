import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '@etkit/runtime-harness/system-binaries';
import { type BrowserContext, chromium } from 'playwright-core';

/**
 * Headless Chromium ($ETKIT_CHROMIUM, else Debian's /usr/bin/chromium) with a fresh profile; fails (never skips),
 * saying what to install, when there is none.
 */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const executablePath = findChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), 'etkit-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1100, height: 760 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
