import { notificationSigningString, signNotification } from '@etkit/crypto';
import { describe, expect, it } from 'vitest';
import { createNotificationHandler } from '../src/fetch.js';
import { type DeliveryFailure, type Notification, openNotification } from '../src/index.js';
import type { NotificationEncoding } from '../src/testing.js';
import { bodyOf } from './helpers/recuts.js';

// The MD5 string joins `name=value` with `&` and escapes nothing (PROTOCOL.md §8), so one genuine signed
// notification whose free text carries `&order_id=…&pay_result=1…` can be offered cut into other fields under the
// same sign. These are the attacks of the report, replayed through the fetch handler with default options.
const salt = 'recut-salt';
const encodings: NotificationEncoding[] = ['form', 'json', 'multipart'];
const at = '2026-11-28 10:00:00';

/** Posts `fields` under `sign` to a fresh fetch handler; returns the answer, what the handler got and the failures. */
async function deliver(fields: Record<string, string>, sign: string, encoding: NotificationEncoding) {
  const handled: Notification[] = [];
  const failures: DeliveryFailure[] = [];
  const handle = createNotificationHandler({
    salt,
    onNotification: (notification) => {
      handled.push(notification);
    },
    onError: (failure) => {
      failures.push(failure);
    },
  });
  const { body, contentType } = bodyOf(fields, sign, encoding);
  const response = await handle(
    new Request('http://127.0.0.1/et/notify', { method: 'POST', body, headers: { 'content-type': contentType } }),
  );
  return { status: response.status, answer: (await response.json()) as Record<string, string>, handled, failures };
}

const failedPayment = {
  extend_info: `x&order_id=ET-VICTIM&pay_amount=99999.00&pay_currency_code=RMB&pay_datetime=${at}&pay_result=1&zz=`,
  order_id: 'ET-A',
  pay_amount: '1.00',
  pay_currency_code: 'RMB',
  pay_datetime: at,
  pay_result: '0',
};
// The same signed string: the victim's paid order up front, an unknown trailing field `zz` swallowing the rest.
const forgedPayment = {
  extend_info: 'x',
  order_id: 'ET-VICTIM',
  pay_amount: '99999.00',
  pay_currency_code: 'RMB',
  pay_datetime: at,
  pay_result: '1',
  zz: `&order_id=ET-A&pay_amount=1.00&pay_currency_code=RMB&pay_datetime=${at}&pay_result=0`,
};

const failedRefund = {
  extend_info: `x&order_id=ET-VICTIM&refund_amount=50000.00&refund_datetime=${at}&refund_order_id=R-9&refund_result=1&zz=`,
  order_id: 'ET-A',
  refund_amount: '0.01',
  refund_datetime: at,
  refund_order_id: 'R-1',
  refund_result: '0',
};
const forgedRefund = {
  extend_info: 'x',
  order_id: 'ET-VICTIM',
  refund_amount: '50000.00',
  refund_datetime: at,
  refund_order_id: 'R-9',
  refund_result: '1',
  zz: `&order_id=ET-A&refund_amount=0.01&refund_datetime=${at}&refund_order_id=R-1&refund_result=0`,
};

// A known free-text field that sorts last swallows the rest instead of an unknown one.
const voucher = {
  extend_info: 'x&order_id=ET-VICTIM&remittance_voucher_url=https://evil.example/v.pdf?',
  order_id: 'ET-A',
  remittance_voucher_url: 'https://static.example.test/v/ET-A.pdf',
};
const movedVoucher = {
  extend_info: 'x',
  order_id: 'ET-VICTIM',
  remittance_voucher_url:
    'https://evil.example/v.pdf?&order_id=ET-A&remittance_voucher_url=https://static.example.test/v/ET-A.pdf',
};
const paymentIntoVoucherUrl = {
  extend_info: `x&order_id=ET-VICTIM&pay_amount=99999.00&pay_datetime=${at}&pay_result=1&remittance_voucher_url=`,
  order_id: 'ET-A',
  pay_amount: '1.00',
  pay_datetime: at,
  pay_result: '0',
};
const paidViaVoucherUrl = {
  extend_info: 'x',
  order_id: 'ET-VICTIM',
  pay_amount: '99999.00',
  pay_datetime: at,
  pay_result: '1',
  remittance_voucher_url: `&order_id=ET-A&pay_amount=1.00&pay_datetime=${at}&pay_result=0`,
};

describe.each(encodings)('re-cut forgeries of the report (%s body)', (encoding) => {
  const attacks = [
    { name: 'failed payment → paid 99999.00 for another order', genuine: failedPayment, forged: forgedPayment },
    { name: 'failed 0.01 refund → refunded 50000.00 for another order', genuine: failedRefund, forged: forgedRefund },
    { name: 'voucher moved onto another order', genuine: voucher, forged: movedVoucher },
    { name: 'the rest swallowed by the voucher URL', genuine: paymentIntoVoucherUrl, forged: paidViaVoucherUrl },
  ];

  it.each(attacks)('$name: refused as AMBIGUOUS, handler not called, raw body kept', async ({ genuine, forged }) => {
    expect(notificationSigningString(forged, salt)).toBe(notificationSigningString(genuine, salt));
    const sign = signNotification(genuine, salt);
    const { status, answer, handled, failures } = await deliver(forged, sign, encoding);
    expect(handled).toEqual([]);
    expect(status).toBe(400);
    expect(answer).toMatchObject({ notify_result: 'FAIL', code: 'AMBIGUOUS' });
    expect(failures).toHaveLength(1);
    const [failure] = failures;
    expect(failure!.verifiedFields).toBeUndefined(); // a re-cut's fields are not ET's
    expect(failure!.rawBody).toBe(bodyOf(forged, sign, encoding).body);
    expect(failure!.idempotencyKey).toMatch(/^ambiguous::[0-9a-f]{32}$/);
    // ET's own delivery of the same signed string shares the key, so a person sees them together.
    const own = await deliver(genuine, sign, encoding);
    const ownKey = own.failures[0]?.idempotencyKey;
    if (ownKey !== undefined) expect(ownKey).toBe(failure!.idempotencyKey);
  });

  it('the genuine failed payment and failed refund are still read as ET wrote them', async () => {
    const payment = await deliver(failedPayment, signNotification(failedPayment, salt), encoding);
    expect(payment.status).toBe(200);
    expect(payment.handled).toHaveLength(1);
    expect(payment.handled[0]).toMatchObject({
      kind: 'payment_result',
      orderId: 'ET-A',
      paid: false,
      payAmount: '1.00',
      extendInfo: failedPayment.extend_info,
    });
    const refund = await deliver(failedRefund, signNotification(failedRefund, salt), encoding);
    expect(refund.status).toBe(200);
    expect(refund.handled[0]).toMatchObject({ kind: 'refund_result', orderId: 'ET-A', refunded: false });
  });

  // Indistinguishable from a forgery: its extend_info holds a whole other voucher, and the string also reads as
  // that voucher of ET-VICTIM. Refused, kept for a person (README, Security: what is refused).
  it('a genuine notification whose free text reads as another whole notification is refused too', async () => {
    for (const genuine of [voucher, paymentIntoVoucherUrl]) {
      const { answer, handled } = await deliver(genuine, signNotification(genuine, salt), encoding);
      expect(handled).toEqual([]);
      expect(answer['code']).toBe('AMBIGUOUS');
    }
  });
});

describe.each(encodings)('genuine free text with & and = (%s body)', (encoding) => {
  const cases: Array<{ name: string; fields: Record<string, string> }> = [
    {
      name: 'extend_info "room 4 & 5, ref=77" on a payment',
      fields: {
        extend_info: 'room 4 & 5, ref=77',
        order_id: 'ET-1',
        pay_amount: '10.00',
        pay_datetime: at,
        pay_result: '1',
      },
    },
    {
      name: 'a URL query string in extend_info on a refund',
      fields: {
        extend_info: 'https://school.example/return?student=42&token=abc%3D&redirect=/fees',
        order_id: 'ET-1',
        refund_amount: '5.00',
        refund_datetime: at,
        refund_order_id: 'R-1',
        refund_result: '1',
      },
    },
    {
      name: 'a signed voucher URL with a query string',
      fields: {
        extend_info: 'a&b',
        order_id: 'ET-1',
        remittance_voucher_url:
          'https://cdn.example/v/ET-1.pdf?Expires=1764300000&Key-Pair-Id=K2&Signature=ab%3D&q-sign-time=1;2&e=5',
      },
    },
  ];
  it.each(cases)('$name is accepted and read exactly', async ({ fields }) => {
    const { status, handled } = await deliver(fields, signNotification(fields, salt), encoding);
    expect(status).toBe(200);
    expect(handled).toHaveLength(1);
    expect({ ...handled[0]!.raw, sign: undefined }).toEqual({ ...fields, sign: undefined });
  });

  // `lang` sorts between extend_info and order_id, so the same string also reads as an extend_info that ends at
  // `id=5` plus a field `lang` that ET might have added: nothing tells the two apart. Documented, refused.
  // Likewise a voucher URL whose later query parameter sorts after remittance_voucher_url (s…z): `token` could be
  // a field ET added after the URL.
  it.each<Record<string, string>>([
    {
      extend_info: 'https://x.example/r?id=5&lang=en',
      order_id: 'ET-1',
      pay_amount: '1.00',
      pay_datetime: at,
      pay_result: '1',
    },
    { extend_info: '', order_id: 'ET-1', remittance_voucher_url: 'https://cdn.example/v.pdf?a=1&token=y' },
  ])(
    '$extend_info$remittance_voucher_url is refused as AMBIGUOUS (indistinguishable from an added field)',
    async (fields) => {
      const { answer, handled } = await deliver(fields, signNotification(fields, salt), encoding);
      expect(handled).toEqual([]);
      expect(answer['code']).toBe('AMBIGUOUS');
    },
  );
});

describe('what only a re-cut can put in a field', () => {
  it('an & in an identifier, an amount-free field or an unknown field is AMBIGUOUS; no verified fields kept', async () => {
    const refund = {
      extend_info: '',
      order_id: 'ET-1',
      refund_amount: '5.00',
      refund_datetime: at,
      refund_order_id: 'R-1&x=1',
      refund_result: '1',
    };
    const unknownField = { notify_type: 'new_kind', order_id: 'ET-1', x_note: 'a&b' };
    for (const fields of [refund, unknownField]) {
      const error = await openNotification(
        { body: JSON.stringify({ ...fields, sign: signNotification(fields, salt) }), contentType: 'application/json' },
        { salt },
      ).catch((reason: unknown) => reason);
      expect(error).toMatchObject({ code: 'AMBIGUOUS' });
      expect((error as { verified?: unknown }).verified).toBeUndefined();
    }
  });

  it('extend_info swallowing order_id (then missing) is AMBIGUOUS, not a verified-but-unreadable notification', async () => {
    const real = { extend_info: 'x', order_id: 'ET-REAL', pay_amount: '100.00', pay_datetime: at, pay_result: '1' };
    const { order_id: _, ...rest } = real;
    const swallowed = { ...rest, extend_info: 'x&order_id=ET-REAL' };
    expect(notificationSigningString(swallowed, salt)).toBe(notificationSigningString(real, salt));
    const body = JSON.stringify({ ...swallowed, sign: signNotification(real, salt) });
    const error = await openNotification({ body, contentType: 'application/json' }, { salt }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AMBIGUOUS' });
    expect((error as { verified?: unknown }).verified).toBeUndefined();
  });

  it('a field name holding & or = is AMBIGUOUS; another odd name is MALFORMED', async () => {
    const cut = { 'extend_info=x&order_id': 'ET-1', pay_amount: '1.00', pay_datetime: at, pay_result: '1' };
    const odd = { 'order id': 'ET-1', notify_type: 'new_kind' };
    const open = (fields: Record<string, string>) =>
      openNotification(
        { body: JSON.stringify({ ...fields, sign: signNotification(fields, salt) }), contentType: 'application/json' },
        { salt },
      );
    await expect(open(cut)).rejects.toMatchObject({ code: 'AMBIGUOUS' });
    await expect(open(odd)).rejects.toMatchObject({ code: 'MALFORMED' });
  });

  it('a verified notification that no reading fits is MALFORMED and keeps its fields and raw body', async () => {
    const fields = { extend_info: 'a & b', order_id: 'ET-1', pay_amount: '1.00', pay_result: '1' }; // no pay_datetime
    const body = JSON.stringify({ ...fields, sign: signNotification(fields, salt) });
    const error = (await openNotification({ body, contentType: 'application/json' }, { salt }).catch(
      (e: unknown) => e,
    )) as { code: string; verified?: { fields: Record<string, string>; body?: string; contentType?: string } };
    expect(error.code).toBe('MALFORMED');
    expect(error.verified).toMatchObject({ body, contentType: 'application/json' });
    expect({ ...error.verified!.fields }).toMatchObject(fields);
  });
});

describe('the legacy v1 rule (fields signed in the order received)', () => {
  it('refuses the same re-cut and one only v1 allows; plain free text still opens', async () => {
    const profile = { notificationRule: 'v1' as const };
    const sign = signNotification(failedPayment, salt, { rule: 'v1' });
    const open = (fields: Record<string, string>) =>
      openNotification(
        { body: JSON.stringify({ ...fields, sign }), contentType: 'application/json' },
        { salt, profile },
      );
    await expect(open(forgedPayment)).rejects.toMatchObject({ code: 'AMBIGUOUS' });
    // Weaker than v2: with no order to keep, `zz=` may also be a field of its own after an extend_info that ends
    // at `pay_result=1`, so ET's own string is in doubt too. A plain one opens.
    await expect(open(failedPayment)).rejects.toMatchObject({ code: 'AMBIGUOUS' });
    const plain = { ...failedPayment, extend_info: 'room 4 & 5, ref=77' };
    const plainBody = JSON.stringify({ ...plain, sign: signNotification(plain, salt, { rule: 'v1' }) });
    await expect(
      openNotification({ body: plainBody, contentType: 'application/json' }, { salt, profile }),
    ).resolves.toMatchObject({ orderId: 'ET-A', paid: false, extendInfo: 'room 4 & 5, ref=77' });
    // Under v1 names need not ascend: the victim's fields may follow the real ones, a field up front swallowing.
    const genuine = {
      a: `x`,
      order_id: 'ET-A',
      pay_amount: '1.00',
      pay_datetime: at,
      pay_result: '0',
      extend_info: `y&order_id=ET-VICTIM&pay_amount=9.00&pay_datetime=${at}&pay_result=1`,
    };
    const v1Sign = signNotification(genuine, salt, { rule: 'v1' });
    const forged = {
      a: `x&order_id=ET-A&pay_amount=1.00&pay_datetime=${at}&pay_result=0&extend_info=y`,
      order_id: 'ET-VICTIM',
      pay_amount: '9.00',
      pay_datetime: at,
      pay_result: '1',
    };
    expect(notificationSigningString(forged, salt, 'v1')).toBe(notificationSigningString(genuine, salt, 'v1'));
    const body = JSON.stringify({ ...forged, sign: v1Sign });
    await expect(openNotification({ body, contentType: 'application/json' }, { salt, profile })).rejects.toMatchObject({
      code: 'AMBIGUOUS',
    });
  });
});
