import { signNotification } from '@etkit/crypto';
import { describe, expect, it } from 'vitest';
import { buildNotification, reformatDecimal, sampleFields } from '../src/testing.js';
import { cases, notificationVectors } from './helpers/vectors.js';

describe('@etkit/notify/testing', () => {
  it("builds the vectors' form payment byte for byte", () => {
    const built = buildNotification({ salt: notificationVectors.salt, kind: 'payment_result' });
    expect(built.body).toBe(cases[0]!.body);
    expect(built.contentType).toBe(cases[0]!.content_type);
  });

  it("builds the vectors' JSON payment with bare JSON numbers", () => {
    const built = buildNotification({
      salt: notificationVectors.salt,
      encoding: 'json',
      jsonNumbers: true,
    });
    expect(built.body).toBe(cases[1]!.body);
  });

  it('signs with the crypto rule and breaks notifications as asked', () => {
    const fields = sampleFields('order_status_change');
    const good = buildNotification({ salt: 's', kind: 'order_status_change' });
    expect(good.fields['sign']).toBe(signNotification(fields, 's'));
    expect(buildNotification({ salt: 's', tamper: 'missing-sign' }).fields).not.toHaveProperty('sign');
    const bad = buildNotification({ salt: 's', tamper: 'bad-sign' }).fields['sign']!;
    expect(bad).toMatch(/^[0-9a-f]{32}$/);
    expect(bad).not.toBe(buildNotification({ salt: 's' }).fields['sign']);
    expect(buildNotification({ salt: 's', tamper: 'reformat-amount' }).fields['pay_amount']).toBe('10000');
    expect(() => buildNotification({ salt: 's', kind: 'remittance_voucher', tamper: 'reformat-amount' })).toThrow(
      TypeError,
    );
  });

  it('re-formats decimals into other text of the same value', () => {
    for (const [input, output] of [
      ['10000.00', '10000'],
      ['120.50', '120.5'],
      ['120.5', '120.50'],
      ['7', '7.00'],
      ['0', '0.00'],
    ]) {
      expect(reformatDecimal(input!)).toBe(output);
    }
  });

  it('declares the multipart boundary it uses', () => {
    const built = buildNotification({ salt: 's', encoding: 'multipart', boundary: 'XyZ' });
    expect(built.contentType).toBe('multipart/form-data; boundary=XyZ');
    expect(built.body.startsWith('--XyZ\r\n')).toBe(true);
    expect(built.body.endsWith('--XyZ--\r\n')).toBe(true);
  });
});
