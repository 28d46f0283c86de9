import type { NotificationRule } from '@etkit/crypto';
import { describe, expect, it } from 'vitest';
import { createNotificationVerifier, type NotificationError } from '../src/index.js';
import { buildNotification } from '../src/testing.js';

const built = (salt: string, rule?: NotificationRule) => {
  const { body, contentType } = buildNotification({ salt, kind: 'refund_result', rule });
  return { body, contentType };
};

describe('salts and rules', () => {
  it('accepts several salts during a rotation and reports which one matched, by index and id', async () => {
    const verifier = createNotificationVerifier({
      salts: [{ id: '2026-q4', salt: 'new-salt' }, 'old-salt'],
    });
    await expect(verifier.open(built('new-salt'))).resolves.toMatchObject({
      verification: { saltIndex: 0, saltId: '2026-q4' },
    });
    const old = await verifier.open(built('old-salt'));
    expect(old.verification).toEqual({ saltIndex: 1, saltId: undefined, rule: 'v2' });
    expect(JSON.stringify(old)).not.toContain('old-salt');
  });

  it('signs the refund acknowledgement with the salt that verified the notification', async () => {
    const verifier = createNotificationVerifier({ salts: ['new-salt', 'old-salt'] });
    const fromOld = await verifier.open(built('old-salt'));
    const single = await createNotificationVerifier({ salt: 'old-salt' }).open(built('old-salt'));
    expect(fromOld.acknowledgement).toEqual(single.acknowledgement);
  });

  it('gives one notification the same idempotency key whichever salt signed it', async () => {
    const verifier = createNotificationVerifier({ salts: ['new-salt', 'old-salt'] });
    const a = await verifier.open(built('new-salt'));
    const b = await verifier.open(built('old-salt'));
    expect(a.raw['sign']).not.toBe(b.raw['sign']);
    expect(a.idempotencyKey).toBe(b.idempotencyKey);
  });

  it('uses the v1 (legacy, unsorted) rule when the profile says so, and only then', async () => {
    const v1 = createNotificationVerifier({ salt: 'x', profile: { notificationRule: 'v1' } });
    const v2 = createNotificationVerifier({ salt: 'x' });
    await expect(v1.open(built('x', 'v1'))).resolves.toMatchObject({ verification: { rule: 'v1' } });
    await expect(v2.open(built('x', 'v1'))).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
    await expect(v1.open(built('x', 'v2'))).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
  });

  it('tells a missing sign from a wrong one and never names a salt', async () => {
    const verifier = createNotificationVerifier({ salts: ['alpha-salt', 'beta-salt'] });
    const missing = buildNotification({ salt: 'alpha-salt', tamper: 'missing-sign' });
    const bad = buildNotification({ salt: 'alpha-salt', tamper: 'bad-sign' });
    const empty = buildNotification({ salt: 'alpha-salt', tamper: { field: 'sign', value: '' } });
    for (const [input, code] of [
      [missing, 'SIGN_MISSING'],
      [empty, 'SIGN_MISSING'],
      [bad, 'SIGNATURE_INVALID'],
    ] as const) {
      const error = (await verifier.open(input).catch((e: unknown) => e)) as NotificationError;
      expect(error.code).toBe(code);
      expect(`${error.message} ${error.stack}`).not.toMatch(/alpha-salt|beta-salt/);
    }
  });

  it('accepts an upper-case hex sign', async () => {
    const { fields } = buildNotification({ salt: 's' });
    const upper = buildNotification({ salt: 's', tamper: { field: 'sign', value: fields['sign']!.toUpperCase() } });
    await expect(createNotificationVerifier({ salt: 's' }).open(upper)).resolves.toMatchObject({
      kind: 'payment_result',
    });
  });

  it('refuses bad configuration at creation time', () => {
    expect(() => createNotificationVerifier({})).toThrow(TypeError);
    expect(() => createNotificationVerifier({ salt: '' })).toThrow(TypeError);
    expect(() => createNotificationVerifier({ salt: 'a', salts: ['b'] })).toThrow(TypeError);
    expect(() => createNotificationVerifier({ salts: [] })).toThrow(TypeError);
    expect(() => createNotificationVerifier({ salt: 'a', maxBodyBytes: 0 })).toThrow(TypeError);
  });
});
