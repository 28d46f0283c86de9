import { notificationSigningString, signNotification } from '@etkit/crypto';
import { describe, expect, it } from 'vitest';
import { openNotification } from '../src/index.js';

// The MD5 string joins `name=value` with `&` and escapes nothing (PROTOCOL.md §8), so a signed notification can
// be re-cut into other fields under the same sign. Amounts, results and times are pinned by their formats; the
// identifiers and the currency code must be too, or text in a free field (extend_info, which the merchant sets
// and may fill from user input) lets anyone replay a real payment as a payment of another order.
const salt = 'recut-salt';

function jsonBody(fields: Record<string, string>): string {
  return JSON.stringify(fields);
}

describe('a signed notification re-cut into other fields', () => {
  const genuine = {
    extend_info: 'note&order_id=ET-VICTIM&pay_amount=100.00&pay_currency_code=RMB',
    order_id: 'ET-REAL',
    pay_amount: '100.00',
    pay_currency_code: 'RMB',
    pay_datetime: '2026-11-28 10:00:00',
    pay_result: '1',
  };
  const sign = signNotification(genuine, salt);
  // The same signing string, cut so that order_id is the victim's and pay_currency_code swallows the real order.
  const forged = {
    extend_info: 'note',
    order_id: 'ET-VICTIM',
    pay_amount: '100.00',
    pay_currency_code: 'RMB&order_id=ET-REAL&pay_amount=100.00&pay_currency_code=RMB',
    pay_datetime: '2026-11-28 10:00:00',
    pay_result: '1',
  };

  it('is a re-cut: the signing strings are identical', () => {
    expect(notificationSigningString(forged, salt)).toBe(notificationSigningString(genuine, salt));
  });

  it('is refused as MALFORMED, while the genuine notification still opens', async () => {
    const contentType = 'application/json';
    await expect(
      openNotification({ body: jsonBody({ ...forged, sign }), contentType }, { salt }),
    ).rejects.toMatchObject({ code: 'MALFORMED' });
    const opened = await openNotification({ body: jsonBody({ ...genuine, sign }), contentType }, { salt });
    expect(opened).toMatchObject({ kind: 'payment_result', orderId: 'ET-REAL' });
  });

  // The signature covers the joined string, not the split: a re-cut's fields are not ET's, so they must not be
  // handed on as a verified-but-unreadable notification (a quarantine row for the victim's order, say).
  it('carries no verified fields: the split into fields is not what ET signed', async () => {
    const error = await openNotification(
      { body: jsonBody({ ...forged, sign }), contentType: 'application/json' },
      { salt },
    ).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'MALFORMED' });
    expect((error as { verified?: unknown }).verified).toBeUndefined();

    // Merged the other way: extend_info swallows the real order_id, which is then missing.
    const real = {
      extend_info: 'x',
      order_id: 'ET-REAL',
      pay_amount: '100.00',
      pay_currency_code: 'RMB',
      pay_datetime: '2026-11-28 10:00:00',
      pay_result: '1',
    };
    const { order_id: _, ...rest } = real;
    const swallowed = { ...rest, extend_info: 'x&order_id=ET-REAL' };
    expect(notificationSigningString(swallowed, salt)).toBe(notificationSigningString(real, salt));
    const merged = { ...swallowed, sign: signNotification(real, salt) };
    const missing = await openNotification({ body: jsonBody(merged), contentType: 'application/json' }, { salt }).catch(
      (reason: unknown) => reason,
    );
    expect(missing).toMatchObject({ code: 'MALFORMED' });
    expect((missing as { verified?: unknown }).verified).toBeUndefined();
  });

  it('pins the refund order id the same way', async () => {
    const refund = {
      extend_info: '',
      order_id: 'ET-1',
      refund_amount: '5.00',
      refund_datetime: '2026-11-28 10:00:00',
      refund_order_id: 'R-1&x=1',
      refund_result: '1',
    };
    const body = jsonBody({ ...refund, sign: signNotification(refund, salt) });
    await expect(openNotification({ body, contentType: 'application/json' }, { salt })).rejects.toMatchObject({
      code: 'MALFORMED',
    });
  });
});
