import { describe, expect, it } from 'vitest';
import { createSerialNumber, defaultProfile, resolveProfile } from '../src/index.js';

const invalid = expect.objectContaining({ code: 'INVALID_ARGUMENT' });

describe('profile', () => {
  it('has the documented defaults and is frozen', () => {
    expect(defaultProfile).toEqual({
      keyWrap: 'rsa-pkcs1-v1_5',
      signatureHash: 'SHA-256',
      canonicalForm: 'keep-empty',
      aesKeyAlphabet: 'alphanumeric',
      tuitionFieldName: 'tuituon',
      notificationRule: 'v2',
      notificationNullMembers: 'omit',
      unsignedResponses: 'accept-errors-unverified',
      version: '2.0.0',
      callbackProcess: 0,
      serialNumberUtcOffsetMinutes: 480,
    });
    expect(Object.isFrozen(defaultProfile)).toBe(true);
  });

  it('applies overrides; undefined keeps the default', () => {
    const profile = resolveProfile({ keyWrap: 'rsa-oaep-sha256', callbackProcess: 1, version: undefined });
    expect(profile.keyWrap).toBe('rsa-oaep-sha256');
    expect(profile.callbackProcess).toBe(1);
    expect(profile.version).toBe('2.0.0');
    expect(resolveProfile()).toEqual(defaultProfile);
  });

  it.each([
    { keyWrap: 'rsa' },
    { signatureHash: 'SHA-512' },
    { canonicalForm: 'x' },
    { aesKeyAlphabet: 'hex' },
    { tuitionFieldName: 'fee' },
    { notificationRule: 'v3' },
    { notificationNullMembers: 'drop' },
    { unsignedResponses: 'accept' },
    { version: '' },
    { callbackProcess: 2 },
    { serialNumberUtcOffsetMinutes: 1.5 },
    { serialNumberUtcOffsetMinutes: 900 },
    { keywrap: 'rsa-oaep-sha256' },
  ])('rejects %j with INVALID_ARGUMENT', (overrides) => {
    expect(() => resolveProfile(overrides as never)).toThrowError(invalid);
  });
});

describe('createSerialNumber (PROTOCOL.md §4)', () => {
  it('writes UTC+8 local time, six digits, then the merchant number', () => {
    const now = new Date('2023-12-04T12:43:37Z');
    const serial = createSerialNumber('ET82009', { now });
    expect(serial).toMatch(/^20231204204337\d{6}ET82009$/);
    expect(createSerialNumber('ET82009', { now, utcOffsetMinutes: 0 })).toMatch(/^20231204124337\d{6}ET82009$/);
    expect(createSerialNumber('M', { now: new Date('2023-12-31T16:00:00Z') })).toMatch(/^20240101000000\d{6}M$/);
  });

  it('draws the six digits at random', () => {
    const now = new Date();
    const digits = new Set(Array.from({ length: 50 }, () => createSerialNumber('M', { now }).slice(14, 20)));
    expect(digits.size).toBeGreaterThan(45);
  });

  it('rejects bad arguments with INVALID_ARGUMENT', () => {
    expect(() => createSerialNumber('')).toThrowError(invalid);
    expect(() => createSerialNumber('M', { now: new Date(Number.NaN) })).toThrowError(invalid);
    expect(() => createSerialNumber('M', { utcOffsetMinutes: 10_000 })).toThrowError(invalid);
  });
});
