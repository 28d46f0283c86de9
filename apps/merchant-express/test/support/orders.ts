import { buildNotification } from '@etkit/notify/testing';
import type { DeliveryRecord } from '@etkit/sandbox';
import type { Database } from '../../src/db/database.js';
import type { Stack } from './stack.js';

/**
 * Posts the site's order form as a signed-in browser would; returns the new merchant order id (the redirect's
 * last segment). Every test that creates orders through the site goes through here.
 */
export async function postOrderForm(siteUrl: string, cookie: string, amount: string): Promise<string> {
  const response = await fetch(`${siteUrl}/orders`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({
      studentFirstName: 'Mei',
      studentLastName: 'Chen',
      studentEmail: 'mei.chen@example.test',
      schoolName: 'University of Manchester',
      countryCode: 'GBR',
      feeType: '7',
      amount,
      currencyCode: 'GBP',
    }),
  });
  await response.arrayBuffer();
  if (response.status !== 303) throw new Error(`order form answered ${response.status}`);
  return response.headers.get('location')!.split('/').pop()!;
}

/** Creates an order through the site's own form, as a browser would; returns both order ids. */
export async function createOrderViaForm(stack: Stack, amount: string) {
  const merchantOrderId = await postOrderForm(stack.site.url, stack.cookie, amount);
  const [row] = await stack.site.db.query<{ et_order_id: string | null }>(
    'SELECT et_order_id FROM orders WHERE merchant_order_id = $1',
    [merchantOrderId],
  );
  if (!row?.et_order_id) throw new Error('the order was not created at ET');
  return { merchantOrderId, etOrderId: row.et_order_id };
}

/** Posts one notification the sandbox recorded to the site, as ET would (signed with the merchant's salt). */
export async function deliver(siteUrl: string, salt: string, record: Pick<DeliveryRecord, 'fields'>) {
  const built = buildNotification({ salt, kind: undefined, fields: record.fields, encoding: 'form' });
  const response = await fetch(`${siteUrl}/notifications`, {
    method: 'POST',
    headers: { 'content-type': built.contentType },
    body: built.body,
  });
  return { status: response.status, body: await response.text() };
}

/** The site's books for one order, read from its database. */
export async function books(db: Database, etOrderId: string) {
  const [row] = await db.query<{ status: number; refunded: string; payments: number; paid: string | null }>(
    `SELECT status, refunded_amount::text AS refunded,
            (SELECT count(*)::int FROM payments p WHERE p.et_order_id = o.et_order_id) AS payments,
            (SELECT pay_amount::text FROM payments p WHERE p.et_order_id = o.et_order_id) AS paid
     FROM orders o WHERE et_order_id = $1`,
    [etOrderId],
  );
  return row;
}
