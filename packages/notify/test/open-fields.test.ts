import { signNotification } from '@etkit/crypto';
import { describe, expect, it } from 'vitest';
import { createNotificationVerifier, NotificationError } from '../src/index.js';
import { sampleFields } from '../src/testing.js';

// openFields is public ("fields already read from a body"): like open(), it throws NotificationError and
// nothing else for bad input — a TypeError or a crypto error would slip past `isNotificationError` handling.
describe('openFields', () => {
  const verifier = createNotificationVerifier({ salt: 's' });

  it('opens wire-text fields', () => {
    const fields = sampleFields('payment_result');
    expect(verifier.openFields({ ...fields, sign: signNotification(fields, 's') })).toMatchObject({
      kind: 'payment_result',
    });
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', []],
    ['a parsed JSON body with a number', { order_id: 'ET1', pay_amount: 100, sign: 'a'.repeat(32) }],
    ['a null value', { order_id: null, sign: 'a'.repeat(32) }],
  ])('refuses %s with a NotificationError', (_name, input) => {
    let thrown: unknown;
    try {
      verifier.openFields(input as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NotificationError);
    expect((thrown as NotificationError).code).toBe('MALFORMED');
  });
});
