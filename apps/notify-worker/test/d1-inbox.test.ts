// The D1 inbox (src/d1-inbox.ts) on a D1 stand-in over real SQLite (test/d1-standin.ts).
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createD1Inbox, D1_INBOX_TABLE } from '../src/d1-inbox.ts';
import { createD1StandIn, type D1StandIn } from './d1-standin.ts';

const open: D1StandIn[] = [];
async function database(schedule?: (call: number) => number) {
  const db = await createD1StandIn(schedule);
  open.push(db);
  return db;
}
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('D1 inbox', () => {
  it('claims once, holds the claim, remembers completion and forgets a released claim', async () => {
    const inbox = createD1Inbox(await database());
    expect(await inbox.claim('k1')).toBe('claimed');
    expect(await inbox.claim('k1')).toBe('in-progress');
    await inbox.complete('k1');
    expect(await inbox.claim('k1')).toBe('done');
    await inbox.release('k1'); // a late release must not undo a completion
    expect(await inbox.claim('k1')).toBe('done');

    expect(await inbox.claim('k2')).toBe('claimed');
    await inbox.release('k2');
    expect(await inbox.claim('k2')).toBe('claimed');
  });

  it('survives a restart: a new inbox over the same database knows what was processed', async () => {
    const db = await database();
    const before = createD1Inbox(db);
    expect(await before.claim('payment_result:ET-1:abc')).toBe('claimed');
    await before.complete('payment_result:ET-1:abc');
    const after = createD1Inbox(db);
    expect(await after.claim('payment_result:ET-1:abc')).toBe('done');
  });

  it('lets another delivery take over a claim whose lease ran out, and not before', async () => {
    let now = 1_000_000;
    const inbox = createD1Inbox(await database(), { leaseMs: 5 * MINUTE, now: () => now });
    expect(await inbox.claim('k')).toBe('claimed');
    now += 5 * MINUTE - 1;
    expect(await inbox.claim('k')).toBe('in-progress');
    now += 1;
    expect(await inbox.claim('k')).toBe('claimed');
  });

  it('remembers a completion for doneTtlMs (a replay a day later is still done), then forgets it', async () => {
    let now = 1_000_000;
    const inbox = createD1Inbox(await database(), { doneTtlMs: 30 * DAY, now: () => now });
    await inbox.claim('k');
    await inbox.complete('k');
    now += DAY;
    expect(await inbox.claim('k')).toBe('done');
    now += 29 * DAY;
    expect(await inbox.claim('k')).toBe('claimed');
  });

  it('deletes rows whose time is up every hundred completions, and only those', async () => {
    let now = 1_000_000;
    const db = await database();
    const inbox = createD1Inbox(db, { doneTtlMs: DAY, now: () => now });
    for (let index = 0; index < 60; index += 1) {
      await inbox.claim(`old-${index}`);
      await inbox.complete(`old-${index}`);
    }
    now += DAY;
    for (let index = 0; index < 40; index += 1) {
      await inbox.claim(`new-${index}`);
      await inbox.complete(`new-${index}`); // the 100th completion purges
    }
    const keys = db.rows(`SELECT key FROM ${D1_INBOX_TABLE} ORDER BY key`).map((row) => row.key);
    expect(keys).toHaveLength(40);
    expect(keys.every((key) => String(key).startsWith('new-'))).toBe(true);
  });

  it('gives exactly one of many concurrent claims the notification, in every interleaving tried', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 2, max: 8 }),
        async (waits, claimants) => {
          const db = await database((call) => waits[call % waits.length]!);
          // Several isolates, each with its own inbox object, over one database.
          const inboxes = Array.from({ length: claimants }, () => createD1Inbox(db));
          const results = await Promise.all(inboxes.map((inbox) => inbox.claim('same-key')));
          expect(results.filter((result) => result === 'claimed')).toHaveLength(1);
          expect(results.filter((result) => result === 'in-progress')).toHaveLength(claimants - 1);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses nonsense options', () => {
    const db = { prepare: () => ({}) as never };
    expect(() => createD1Inbox(db, { leaseMs: 0 })).toThrow(/leaseMs/);
    expect(() => createD1Inbox(db, { doneTtlMs: Number.NaN })).toThrow(/doneTtlMs/);
  });
});
