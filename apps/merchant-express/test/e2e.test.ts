import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, type ExpectStatic, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { type DatabaseKind, databaseKinds } from './support/databases.js';
import { type Stack, startStack } from './support/stack.js';
import { TEST_STAFF } from './support/staff.js';

const resultsDirectory = fileURLToPath(new URL('../test-results/', import.meta.url));
const DESKTOP = { width: 1100, height: 760 };
const PHONE = { width: 390, height: 844 };
const TIME_IN_ET_ZONE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\+8$/;

// One browser and both stacks (PGlite, PostgreSQL) started together; each database gets one run through the
// same two tabs.
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const stacks = new Map<DatabaseKind, Stack>();

beforeAll(async () => {
  mkdirSync(resultsDirectory, { recursive: true });
  const [launched, ...started] = await Promise.all([
    launchBrowser(),
    ...databaseKinds.map((kind) => startStack(kind, { pgliteFromTemplate: true })),
  ]);
  browser = launched;
  for (const [index, kind] of databaseKinds.entries()) stacks.set(kind, started[index]!);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([...stacks.values()].map((stack) => stack.close()));
});

/** At 390 px: nothing wider than the screen, and every order id wholly on screen. */
async function checkPhoneLayout(expect: ExpectStatic, page: Page, name: string) {
  await page.setViewportSize(PHONE);
  const layout = await page.evaluate(() => {
    const width = window.innerWidth;
    const clippedIds = [...document.querySelectorAll<HTMLElement>('.id')]
      .filter((element) => {
        const rects = [...element.getClientRects()];
        return rects.length === 0 || rects.some((rect) => rect.left < 0 || rect.right > width + 0.5);
      })
      .map((element) => element.textContent);
    return {
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth: width,
      ids: document.querySelectorAll('.id').length,
      clippedIds,
    };
  });
  // A screenshot only to explain a failure: each one costs about a second.
  if (layout.scrollWidth > layout.innerWidth || layout.clippedIds.length > 0) {
    await page.screenshot({ path: `${resultsDirectory}e2e-phone-${name}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
  expect(layout.scrollWidth, `${name}: horizontal overflow at 390 px`).toBeLessThanOrEqual(layout.innerWidth);
  expect(layout.clippedIds, `${name}: order ids cut off at 390 px`).toEqual([]);
  return layout;
}

// The two databases' runs go side by side (their own stacks and tabs, one browser): they mostly wait on the
// sandbox and the notifications, so together they take little more than one.
describe('a person pays an order in the browser', () => {
  it.concurrent.for(databaseKinds)(
    '%s: creates an order (it appears live on the list), fails a payment (shown live), pays, and the layout fits a phone',
    { timeout: 60_000 },
    // Concurrent tests take `expect` and `onTestFailed` from their own context.
    async (kind, { expect, onTestFailed }) => {
      const stack = stacks.get(kind)!;
      const site = stack.site.url;
      // The site's log (ids, codes, outcomes) explains most failures.
      onTestFailed(() => console.log(`merchant site log:\n${stack.logs.join('\n')}`));
      // A context of its own: its sign-in cookie must not replace the other run's (cookies ignore the port).
      const context = await browser.newContext();
      const [page, other] = await Promise.all([context.newPage(), context.newPage()]);
      page.setDefaultTimeout(15_000);
      other.setDefaultTimeout(15_000);
      try {
        if (kind === 'pglite') {
          // Staff pages need a sign-in: the form sends the person back where they were going.
          await page.goto(`${site}/orders/new`);
          await page.waitForURL((url) => url.pathname === '/login');
          await page.getByLabel('User name').fill(TEST_STAFF.user);
          await page.getByLabel('Password').fill(TEST_STAFF.password);
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.waitForURL((url) => url.pathname === '/orders/new');
        } else {
          // The sign-in form is the same on both databases: this run starts with the cookie of the stack's own
          // sign-in (POST /login), a few seconds less on a busy machine.
          const [name, value] = stack.cookie.split(/=(.*)/s) as [string, string];
          await context.addCookies([{ name, value, url: site }]);
          await page.goto(`${site}/orders/new`);
        }

        // The order list, opened before the order exists and never reloaded.
        await other.goto(`${site}/orders`);
        await other.evaluate(() => {
          (window as unknown as { notReloaded: boolean }).notReloaded = true;
        });

        await checkPhoneLayout(expect, page, `${kind}-order-form`);
        await page.getByLabel('Given name').fill('Mei');
        await page.getByLabel('Family name').fill('Chen');
        await page.getByLabel('Student email').fill('mei.chen@example.test');
        await page.getByLabel('School').fill('University of Edinburgh');
        await page.getByLabel('Country').selectOption('GBR');
        await page.getByLabel('Fee type').selectOption('7');
        await page.getByLabel('Amount').fill('9750.00');
        await page.getByLabel('Currency').fill('GBP');
        await page.getByRole('button', { name: 'Create order' }).click();

        await expect.poll(() => page.locator('[data-live="status"]').textContent()).toBe('Waiting for payment');
        const merchantOrderId = new URL(page.url()).pathname.split('/').pop()!;
        const detail = (term: string) => page.locator(`dt:text-is("${term}") + dd`).textContent();
        expect(await detail('Amount')).toBe('9,750.00 GBP');
        expect(await detail('Fee type')).toBe('Rent (房租)');
        expect(await detail('Created')).toMatch(TIME_IN_ET_ZONE);

        // The new order appears on the open list, with its status, without a reload.
        const listRow = other.locator(`tr[data-order-id="${merchantOrderId}"]`);
        await expect.poll(() => listRow.locator('[data-live="status"]').textContent()).toBe('Waiting for payment');
        expect(await listRow.locator('td[data-label="Fee type"]').textContent()).toBe('Rent (房租)');
        expect(await listRow.locator('td[data-label="Created"]').textContent()).toMatch(TIME_IN_ET_ZONE);
        expect(await other.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
        await checkPhoneLayout(expect, other, `${kind}-order-list`);

        // The second tab now shows the order page, and stays on it (never reloaded) while the payment fails.
        await other.goto(`${site}/orders/${merchantOrderId}`);
        await other.evaluate(() => {
          (window as unknown as { notReloaded: boolean }).notReloaded = true;
        });
        const notice = other.locator('[data-live="payment-notice"]');
        expect(await notice.isHidden()).toBe(true);

        await page.getByRole('button', { name: 'Pay with EasyTransfer' }).click();
        await page.waitForURL((url) => url.href.startsWith(stack.sandbox.url));
        // ET's page names the order's fee type with the site's label.
        expect(await page.locator('dt:text-is("Fee type") + dd').textContent()).toBe('Rent (房租)');
        await page.locator('button.fail').click();
        await page.waitForURL((url) => url.href.startsWith(site), { timeout: 8_000 });

        await expect.poll(() => notice.isVisible(), { timeout: 10_000 }).toBe(true);
        expect(await notice.textContent()).toMatch(
          /^The last payment attempt failed \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\+8\)\. The order still waits for payment\.$/,
        );
        expect(await other.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
        expect(await other.locator('[data-live="status"]').textContent()).toBe('Waiting for payment');
        await checkPhoneLayout(expect, other, `${kind}-order-page`);

        // Pay for real this time.
        await page.getByRole('button', { name: 'Pay with EasyTransfer' }).click();
        await page.waitForURL((url) => url.href.startsWith(stack.sandbox.url));
        await page.locator('button.pay').click();
        // Back on the merchant's order page (the sandbox answers the payment form with a redirect to back_jump_url);
        // the status arrives by notification, shown live.
        await page
          .waitForURL((url) => url.href.startsWith(site), { timeout: 8_000 })
          .catch(() => {
            throw new Error(
              `After paying, the browser stayed on ${page.url()} instead of returning to the merchant site. ` +
                "A Content-Security-Policy `form-action 'self'` on the payment page blocks the cross-origin redirect " +
                'to back_jump_url in Chromium; a person would be stuck there.',
            );
          });
        await expect
          .poll(() => page.locator(`[data-order-id="${merchantOrderId}"] [data-live="status"]`).first().textContent(), {
            timeout: 10_000,
          })
          .toBe('Payment successful');
        await expect.poll(() => page.getByRole('button', { name: 'Pay with EasyTransfer' }).isVisible()).toBe(false);
        await expect.poll(() => page.locator('[data-live="payment-notice"]').isHidden()).toBe(true);
        // The history names the zone of its times.
        expect(await page.locator('ul.history time').first().textContent()).toMatch(TIME_IN_ET_ZONE);
        await page.screenshot({ path: `${resultsDirectory}e2e-${kind}-order-paid.png`, fullPage: true });

        const [payment] = await stack.site.db.query<{ source: string; pay_currency: string }>(
          `SELECT p.source, p.pay_currency FROM payments p JOIN orders o USING (et_order_id)
         WHERE o.merchant_order_id = $1`,
          [merchantOrderId],
        );
        expect(payment).toEqual({ source: 'notification', pay_currency: 'RMB' });
        // The second tab (the order page) follows the payment too.
        await expect
          .poll(() => other.locator('[data-live="status"]').first().textContent(), { timeout: 10_000 })
          .toBe('Payment successful');
      } finally {
        await context.close();
      }
    },
  );
});
