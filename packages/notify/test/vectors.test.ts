import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NotificationError, openNotification, signedAcknowledgement } from '../src/index.js';
import { caseName, cases, docMd5Vector, notificationVectors } from './helpers/vectors.js';

const salt = notificationVectors.salt;

describe('vectors.json notification cases through the core API', () => {
  cases.forEach((c, index) => {
    it(caseName(c, index), async () => {
      const opening = openNotification({ body: c.body, contentType: c.content_type }, { salt });
      if (!c.valid) {
        await expect(opening).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
        return;
      }
      const notification = await opening;
      expect(notification.kind).toBe(c.kind);
      expect(notification.verification).toEqual({ saltIndex: 0, saltId: undefined, rule: 'v2' });
      if (c.ack !== undefined) expect(notification.acknowledgement).toEqual(c.ack);
      else expect(notification.acknowledgement).toEqual({ notify_result: 'OK' });
    });
  });

  it('keeps the JSON number 10000.00 as the text 10000.00', async () => {
    const jsonCase = cases.find((c) => c.content_type === 'application/json' && c.kind === 'payment_result')!;
    const notification = await openNotification({ body: jsonCase.body, contentType: jsonCase.content_type }, { salt });
    expect(notification.raw['pay_amount']).toBe('10000.00');
    expect(notification.kind === 'payment_result' && notification.payAmount).toBe('10000.00');
    expect(notification.raw['pay_result']).toBe('1');
  });

  it('gives the form and JSON encodings of one payment the same idempotency key', async () => {
    const [form, json] = cases.filter((c) => c.kind === 'payment_result' && c.valid);
    const a = await openNotification({ body: form!.body, contentType: form!.content_type }, { salt });
    const b = await openNotification({ body: json!.body, contentType: json!.content_type }, { salt });
    expect(a.idempotencyKey).toBe(b.idempotencyKey);
  });

  it('keeps the idempotency key format stable: merchants store these keys', async () => {
    const form = cases[0]!;
    const notification = await openNotification({ body: form.body, contentType: form.content_type }, { salt });
    // Independently: node:crypto SHA-256 over the documented content string (also what `sha256sum` prints).
    const content =
      'extend_info=&order_id=ET2026112800000001&pay_amount=10000.00&pay_currency_code=RMB&' +
      'pay_datetime=2026-11-28 10:00:00&pay_result=1';
    const digest = createHash('sha256').update(content).digest('hex').slice(0, 32);
    expect(notification.idempotencyKey).toBe(`payment_result:ET2026112800000001:${digest}`);
    expect(digest).toBe('921377ddf840911cc9ef6231ceaf04ba');
  });

  it("signs the refund acknowledgement exactly as the vector's", () => {
    const refund = cases.find((c) => c.ack !== undefined)!;
    expect(signedAcknowledgement(refund.ack!.order_id, salt)).toEqual(refund.ack);
  });

  it("verifies the provider's documented worked example (notification_md5)", async () => {
    const body = new URLSearchParams({ ...docMd5Vector.fields, sign: docMd5Vector.sign }).toString();
    const notification = await openNotification(
      { body, contentType: 'application/x-www-form-urlencoded' },
      { salt: docMd5Vector.salt },
    );
    expect(notification.kind).toBe('payment_result');
    expect(notification.raw).toEqual({ ...docMd5Vector.fields, sign: docMd5Vector.sign });
  });

  it('rejects the valid vectors under a wrong salt, with a message free of both salts', async () => {
    for (const c of cases.filter((x) => x.valid)) {
      const error = await openNotification({ body: c.body, contentType: c.content_type }, { salt: 'other-salt' }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(NotificationError);
      expect((error as NotificationError).code).toBe('SIGNATURE_INVALID');
      expect((error as Error).message).not.toContain(salt);
      expect((error as Error).message).not.toContain('other-salt');
    }
  });
});
