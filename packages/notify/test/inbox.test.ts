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
});
