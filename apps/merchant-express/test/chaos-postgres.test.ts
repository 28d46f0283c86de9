import { describe, expect, it } from 'vitest';
import { runChaos } from './support/chaos.js';

// PostgreSQL: a shorter resend schedule, so ET gives up on some deliveries and the final pass must repair them.
// The checks of support/chaos.ts's chaosSuite, on a run of 5 s of ET's actions at least (chaosSuite's is 10 s):
// the run lasts until the third kill -9 and restart anyway, and each second more only repeats the same kinds of
// actions. CHAOS_SEED=<n> replays ET's choices and the kill schedule.
const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe('chaos on postgres', () => {
  it('ends with the books equal to ET’s after kill -9s, duplicates, reordering and same-second refunds', async () => {
    console.log(`chaos (postgres): seed ${seed} (replay with CHAOS_SEED=${seed})`);
    const counts = await runChaos('postgres', {
      seed,
      orders: 30,
      durationMs: 5_000,
      timeScale: 0.0015,
      kills: 3,
      log: console.log,
    });
    const { mismatches, finalPass, ...figures } = counts;
    console.log(
      `chaos (postgres): ${JSON.stringify(figures)}; final pass checked ${finalPass.checked}, changed ${finalPass.changed.length}`,
    );
    expect(counts.kills).toBeGreaterThan(0);
    expect(counts.sameSecondBursts).toBeGreaterThan(0);
    expect(mismatches).toEqual([]);
    expect(figures).toMatchObject({
      missingOrders: 0,
      statusMismatches: 0,
      missingPayments: 0,
      doublePayments: 0,
      missingRefunds: 0,
      doubleRefunds: 0,
      unresolvedCreations: 0,
    });
    expect(finalPass.discrepancies).toEqual([]);
  }, 240_000);
});
