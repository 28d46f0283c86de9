// Runs a test entry in headless Chromium: esbuild bundles it the way a browser app would (portable entry,
// no Node built-ins), a loopback HTTP server serves it with a one-line page, and Playwright drives the page.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { bundlePortable } from './portable-bundle.js';
import { findChromium } from './system-binaries.js';

const jsonLineTimeoutMs = 45_000;

/** Extra routes for the page's server; return false to answer 404. */
export type Route = (request: IncomingMessage, response: ServerResponse) => boolean | Promise<boolean>;

export interface BrowserRun {
  page: Page;
  /** The page's origin (http://127.0.0.1:<port>): a secure context, so `crypto.subtle` exists. */
  origin: string;
  /** The first console line of the page that parses as JSON. */
  firstJsonLine: Promise<unknown>;
  close(): Promise<void>;
}

/** Bundles `entry` the way a browser app would: the portable entry, no Node built-ins (that fails the build). */
export function bundleForBrowser(entry: string): Promise<string> {
  return bundlePortable(entry, ['browser']);
}

/** Serves `script` as a module on a blank page and opens it in a fresh headless Chromium. */
export async function openInChromium(script: string, route?: Route): Promise<BrowserRun> {
  const chromiumPath = findChromium(); // $ETKIT_CHROMIUM or Debian's; throws saying what to install
  const server = createServer(async (request, response) => {
    try {
      if (request.url === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<!doctype html><meta charset="utf-8"><script type="module" src="/entry.js"></script>');
      } else if (request.url === '/entry.js') {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        response.end(script);
      } else if (!(await route?.(request, response))) {
        response.writeHead(404).end();
      }
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));

  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-gpu',
        '--no-first-run',
      ],
    });
  } catch (error) {
    await closeServer();
    throw error;
  }
  const closeAll = async () => {
    await browser.close();
    server.closeAllConnections();
    await closeServer();
  };
  let page: Page;
  let firstJsonLine: Promise<unknown>;
  try {
    page = await browser.newPage();
    firstJsonLine = watchForJsonLine(page);
    await page.goto(`${origin}/`);
  } catch (error) {
    await closeAll(); // a failed start must not leave Chromium and the server running
    throw error;
  }
  return {
    page,
    origin,
    firstJsonLine,
    close: closeAll,
  };
}

/**
 * The page's first console line that parses as JSON. An uncaught error in the page, or silence, fails the wait
 * with what the page said instead of a bare timeout.
 */
function watchForJsonLine(page: Page): Promise<unknown> {
  const logged: string[] = [];
  let silence: ReturnType<typeof setTimeout> | undefined;
  const line = new Promise<unknown>((resolve, reject) => {
    page.on('pageerror', (error) => reject(new Error(`the page threw: ${error.stack ?? error.message}`)));
    page.on('console', (message) => {
      try {
        resolve(JSON.parse(message.text()));
      } catch {
        logged.push(message.text()); // not the summary line
      }
    });
    silence = setTimeout(() => {
      reject(new Error(`the page logged no JSON line in ${jsonLineTimeoutMs} ms; it logged: ${logged.join(' | ')}`));
    }, jsonLineTimeoutMs);
    page.on('close', () => clearTimeout(silence));
  });
  line.then(
    () => clearTimeout(silence),
    () => clearTimeout(silence),
  ); // also keeps a wait nobody reads from being an unhandled rejection
  return line;
}
