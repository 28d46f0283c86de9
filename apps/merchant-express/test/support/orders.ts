import { buildNotification } from '@etkit/notify/testing';
import type { DeliveryRecord } from '@etkit/sandbox';
import type { Database } from '../../src/db/database';
import type { Stack } from './stack';

/** Creates an order through the site's own form, as a browser would; returns both order ids. */
export async function createOrderViaForm(stack: Stack, amount: string) {
  const response = await fetch(`${stack.site.url}/orders`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: stack.cookie },
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
  if (response.status !== 303) throw new Error(`order form answered ${response.status}`);
  const merchantOrderId = response.headers.get('location')!.split('/').pop()!;
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
