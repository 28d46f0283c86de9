import { describe, expect, it } from 'vitest';
import { generateAesKey } from '../src/aes.js';
import { randomBytes, randomString } from '../src/random.js';

describe('randomness helpers', () => {
  it('alphanumeric AES keys use all 62 symbols with even frequencies (no modulo bias)', () => {
    const counts = new Map<string, number>();
    const keys = 2000;
    for (let i = 0; i < keys; i++) {
      const key = new TextDecoder().decode(generateAesKey('alphanumeric'));
      expect(key).toMatch(/^[A-Za-z0-9]{16}$/);
      for (const c of key) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(62);
    const expected = (keys * 16) / 62; // ≈ 516, standard deviation ≈ 22
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(expected * 0.75);
      expect(count).toBeLessThan(expected * 1.25);
    }
  });

  it('random-bytes AES keys are 16 bytes', () => {
    expect(generateAesKey('random-bytes')).toHaveLength(16);
  });

  it('the pool never hands out the same bytes twice and serves large requests directly', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const chunk = Buffer.from(randomBytes(16)).toString('hex');
      expect(seen.has(chunk)).toBe(false);
      seen.add(chunk);
    }
    expect(randomBytes(100_000)).toHaveLength(100_000);
    expect(randomString('ab', 50)).toMatch(/^[ab]{50}$/);
  });
});
