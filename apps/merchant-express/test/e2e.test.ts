import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launchBrowser } from './support/browser';
import { databaseKinds } from './support/databases';
import { type Stack, startStack } from './support/stack';
import { TEST_STAFF } from './support/staff';

const resultsDirectory = fileURLToPath(new URL('../test-results/', import.meta.url));

describe.each(databaseKinds)('a person pays an order in the browser (%s)', (kind) => {
  let stack: Stack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(kind), launchBrowser()]);
    mkdirSync(resultsDirectory, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('fills the order form, pays on the EasyTransfer page and sees "Payment successful"', async () => {
    // The site's log (ids, codes, outcomes) explains most failures.
    onTestFailed(() => console.log(`merchant site log:\n${stack.logs.join('\n')}`));
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    // Staff pages need a sign-in: the form sends the person back where they were going.
    await page.goto(`${stack.site.url}/orders/new`);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('User name').fill(TEST_STAFF.user);
    await page.getByLabel('Password').fill(TEST_STAFF.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/orders/new');
    await page.getByLabel('Given name').fill('Mei');
    await page.getByLabel('Family name').fill('Chen');
    await page.getByLabel('Student email').fill('mei.chen@example.test');
    await page.getByLabel('School').fill('University of Edinburgh');
    await page.getByLabel('Country').selectOption('GBR');
    await page.getByLabel('Fee type').selectOption('7');
    await page.getByLabel('Amount').fill('9750.00');
    await page.getByLabel('Currency').fill('GBP');
    await page.screenshot({ path: `${resultsDirectory}e2e-${kind}-order-form.png`, fullPage: true });
    await page.getByRole('button', { name: 'Create order' }).click();

    await expect.poll(() => page.locator('[data-live="status"]').textContent()).toBe('Waiting for payment');
    const merchantOrderId = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => page.getByText('9,750.00 GBP').count()).toBe(1);

    // A second tab on the order list, opened before paying and never reloaded: it must update live.
    const listPage = await browser.context.newPage();
    await listPage.goto(`${stack.site.url}/orders`);
    const listStatus = listPage.locator(`tr[data-order-id="${merchantOrderId}"] [data-live="status"]`);
    await expect.poll(() => listStatus.textContent()).toBe('Waiting for payment');

    await page.getByRole('button', { name: 'Pay with EasyTransfer' }).click();
    await page.waitForURL((url) => url.href.startsWith(stack.sandbox.url));
    await page.locator('button.pay').click();

    // Back on the merchant's order page (the sandbox answers the payment form with a redirect to back_jump_url);
    // the status arrives by notification, shown live.
    await page
      .waitForURL((url) => url.href.startsWith(stack.site.url), { timeout: 8_000 })
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
    await page.screenshot({ path: `${resultsDirectory}e2e-${kind}-order-paid.png`, fullPage: true });

    const [payment] = await stack.site.db.query<{ source: string; pay_currency: string }>(
      `SELECT p.source, p.pay_currency FROM payments p JOIN orders o USING (et_order_id)
       WHERE o.merchant_order_id = $1`,
      [merchantOrderId],
    );
    expect(payment).toEqual({ source: 'notification', pay_currency: 'RMB' });

    await expect.poll(() => listStatus.textContent(), { timeout: 10_000 }).toBe('Payment successful');
    await listPage.screenshot({ path: `${resultsDirectory}e2e-${kind}-order-list.png`, fullPage: true });
    await listPage.close();
    await page.close();
  }, 60_000);
});
