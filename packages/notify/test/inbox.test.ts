import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryInbox } from '../src/index.js';

describe('createMemoryInbox', () => {
  it('lets the first claim win; later claims see in-progress, then done', async () => {
    const inbox = createMemoryInbox();
    const results = await Promise.all([inbox.claim('k'), inbox.claim('k'), inbox.claim('k')]);
    expect(results.sort()).toEqual(['claimed', 'in-progress', 'in-progress']);
    await inbox.complete('k');
    expect(await inbox.claim('k')).toBe('done');
    expect(await inbox.claim('other')).toBe('claimed');
  });

  it('forgets a released claim so the next delivery processes it again', async () => {
    const inbox = createMemoryInbox();
    expect(await inbox.claim('k')).toBe('claimed');
    await inbox.release('k');
    expect(await inbox.claim('k')).toBe('claimed');
  });

  it('lets a claim that outlived its lease be taken over (a handler that never settled)', async () => {
    let clock = 1_000;
    const inbox = createMemoryInbox({ leaseMs: 100, now: () => clock });
    expect(await inbox.claim('k')).toBe('claimed');
    clock += 99;
    expect(await inbox.claim('k')).toBe('in-progress');
    clock += 1;
    expect(await inbox.claim('k')).toBe('claimed');
  });

  it('remembers done keys for doneTtlMs and at most maxEntries keys', async () => {
    let clock = 0;
    const inbox = createMemoryInbox({ doneTtlMs: 1_000, maxEntries: 3, now: () => clock });
    for (const key of ['a', 'b', 'c', 'd']) {
      await inbox.claim(key);
      await inbox.complete(key);
    }
    expect(inbox.size).toBe(3);
    expect(await inbox.claim('d')).toBe('done');
    expect(await inbox.claim('a')).toBe('claimed'); // evicted as the oldest
    clock += 1_000;
    expect(await inbox.claim('d')).toBe('claimed'); // expired
    expect(inbox.size).toBeLessThanOrEqual(3);
  });

  it('refuses nonsense options', () => {
    expect(() => createMemoryInbox({ leaseMs: 0 })).toThrow(TypeError);
    expect(() => createMemoryInbox({ maxEntries: -1 })).toThrow(TypeError);
  });

  it('answers like a plain reference model under any sequence of operations, within its cap', async () => {
    type Op = { op: 'claim' | 'complete' | 'release'; key: number } | { op: 'wait'; ms: number };
    const operation: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constantFrom('claim', 'complete', 'release'), key: fc.integer({ min: 0, max: 12 }) }),
      fc.record({ op: fc.constant('wait'), ms: fc.integer({ min: 0, max: 150 }) }),
    ) as fc.Arbitrary<Op>;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 200 }), fc.integer({ min: 1, max: 6 }), async (ops, cap) => {
        let clock = 0;
        const options = { leaseMs: 100, doneTtlMs: 300, now: () => clock };
        const uncapped = createMemoryInbox({ ...options, maxEntries: Number.POSITIVE_INFINITY });
        const capped = createMemoryInbox({ ...options, maxEntries: cap });
        const model = new Map<string, { state: 'in-progress' | 'done'; expiresAt: number }>();
        for (const step of ops) {
          if (step.op === 'wait') {
            clock += step.ms;
            continue;
          }
          const key = `k${step.key}`;
          if (step.op === 'claim') {
            const entry = model.get(key);
            const expected = entry !== undefined && entry.expiresAt > clock ? entry.state : 'claimed';
            if (expected === 'claimed') model.set(key, { state: 'in-progress', expiresAt: clock + 100 });
            expect(await uncapped.claim(key)).toBe(expected);
            const cappedAnswer = await capped.claim(key);
            // The capped inbox may have forgotten the key (then it says 'claimed'), never invent a state.
            expect(cappedAnswer === expected || cappedAnswer === 'claimed').toBe(true);
          } else if (step.op === 'complete') {
            model.set(key, { state: 'done', expiresAt: clock + 300 });
            await uncapped.complete(key);
            await capped.complete(key);
          } else {
            model.delete(key);
            await uncapped.release(key);
            await capped.release(key);
          }
          expect(capped.size).toBeLessThanOrEqual(cap);
        }
      }),
      { numRuns: 300 },
    );
  });
});
