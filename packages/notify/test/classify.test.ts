import { describe, expect, it } from 'vitest';
import { openNotification } from '../src/index.js';
import { buildNotification, type SampleKind, sampleFields } from '../src/testing.js';

const salt = 'test-salt';
const open = (built: { body: string; contentType: string }) =>
  openNotification({ body: built.body, contentType: built.contentType }, { salt });

describe('classification', () => {
  it('reads a payment result into typed fields', async () => {
    const n = await open(buildNotification({ salt, kind: 'payment_result', encoding: 'json', jsonNumbers: true }));
    expect(n).toMatchObject({
      kind: 'payment_result',
      orderId: 'ET2026112800000001',
      payResult: 1,
      paid: true,
      payAmount: '10000.00',
      payCurrencyCode: 'RMB',
      payDatetime: { text: '2026-11-28 10:00:00' },
      extendInfo: '',
    });
    if (n.kind !== 'payment_result') throw new Error('unreachable');
    // 10:00 in Beijing (UTC+8) is 02:00 UTC.
    expect(n.payDatetime.instant.toISOString()).toBe('2026-11-28T02:00:00.000Z');
  });

  it('reads a failed payment and defaults an absent currency to RMB (the documented default)', async () => {
    const fields = sampleFields('payment_result', { pay_result: '0' });
    delete fields['pay_currency_code'];
    const n = await open(buildNotification({ salt, kind: undefined, fields }));
    expect(n).toMatchObject({ kind: 'payment_result', payResult: 0, paid: false, payCurrencyCode: 'RMB' });
  });

  it('reads an order status change; the status arrives as a string', async () => {
    const n = await open(buildNotification({ salt, kind: 'order_status_change', fields: { order_status: '-3' } }));
    expect(n).toMatchObject({ kind: 'order_status_change', orderStatus: -3, notifyType: 'order_status_change' });
    if (n.kind !== 'order_status_change') throw new Error('unreachable');
    expect(n.datetime.instant.toISOString()).toBe('2026-11-28T02:05:00.000Z');
  });

  it('reads a remittance voucher and a refund result', async () => {
    await expect(open(buildNotification({ salt, kind: 'remittance_voucher' }))).resolves.toMatchObject({
      kind: 'remittance_voucher',
      remittanceVoucherUrl: 'https://static.example.test/v/ET2026112800000001.pdf',
    });
    await expect(
      open(buildNotification({ salt, kind: 'refund_result', encoding: 'multipart' })),
    ).resolves.toMatchObject({
      kind: 'refund_result',
      refundOrderId: 'R-7',
      refundResult: 1,
      refunded: true,
      refundAmount: '120.50',
      refundDatetime: { text: '2026-11-29 09:00:00' },
    });
  });

  it('accepts a kind it does not know, verified, with every field raw', async () => {
    const fields = { notify_type: 'invoice_issued', order_id: 'ET1', invoice_no: 'INV-9' };
    const n = await open(buildNotification({ salt, kind: undefined, fields }));
    expect(n).toMatchObject({ kind: 'unknown', orderId: 'ET1', notifyType: 'invoice_issued' });
    expect(n.raw).toMatchObject(fields);
    const bare = await open(buildNotification({ salt, kind: undefined, fields: { something: 'else' } }));
    expect(bare).toMatchObject({ kind: 'unknown', orderId: undefined, notifyType: undefined });
    expect(bare.idempotencyKey).toMatch(/^unknown::[0-9a-f]{32}$/);
  });

  const malformed: Array<[SampleKind, Record<string, string>, string]> = [
    ['payment_result', { pay_amount: '10,000.00' }, 'pay_amount'],
    ['payment_result', { pay_amount: '-1.00' }, 'pay_amount'],
    ['payment_result', { pay_amount: '1e4' }, 'pay_amount'],
    ['payment_result', { pay_result: '2' }, 'pay_result'],
    ['payment_result', { pay_result: '01' }, 'pay_result'],
    ['payment_result', { pay_datetime: '2026-02-30 10:00:00' }, 'pay_datetime'],
    ['payment_result', { pay_datetime: '2026-11-28T10:00:00' }, 'pay_datetime'],
    ['payment_result', { order_id: '' }, 'order_id'],
    ['order_status_change', { order_status: '9' }, 'order_status'],
    ['order_status_change', { datetime: '2026-11-28 24:00:00' }, 'datetime'],
    ['refund_result', { refund_amount: '' }, 'refund_amount'],
    ['refund_result', { refund_result: 'yes' }, 'refund_result'],
  ];
  for (const [kind, fields, field] of malformed) {
    it(`refuses a verified ${kind} whose ${field} is ${JSON.stringify(Object.values(fields)[0])}, naming the field only`, async () => {
      const error = await open(buildNotification({ salt, kind, fields })).catch((e: Error) => e);
      expect(error).toMatchObject({ code: 'MALFORMED' });
      expect((error as Error).message).toContain(field);
      const value = Object.values(fields)[0]!;
      if (value.length > 1) expect((error as Error).message).not.toContain(value);
    });
  }

  it('refuses a known kind that lacks a required field', async () => {
    const fields = sampleFields('refund_result');
    delete fields['refund_datetime'];
    await expect(open(buildNotification({ salt, kind: undefined, fields }))).rejects.toMatchObject({
      code: 'MALFORMED',
      message: expect.stringContaining('refund_datetime'),
    });
  });
});
