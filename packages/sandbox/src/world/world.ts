import type { SandboxMerchant } from '../accounts/merchant-config.js';
import type { SandboxFault } from '../faults.js';
import { Scheduler, type TimeSource } from './clock.js';
import { OrderLifecycle } from './lifecycle.js';
import { NotificationCenter } from './notifications.js';
import type { Persistence } from './persistence.js';
import { RateTable, type RateTableInput } from './rate-table.js';

export interface WorldOptions {
  clock?: TimeSource;
  timeScale?: number;
  rates?: RateTableInput;
  fetch?: typeof globalThis.fetch;
}

export interface WorldDependencies {
  persistence: Persistence;
  merchant: (merchantNumber: string) => SandboxMerchant | undefined;
  /** The notification fault for the next delivery to this merchant (standing and one-shot). */
  takeNotificationFault: (merchantNumber: string) => SandboxFault;
  voucherUrl: (orderId: string) => string;
}

/** What happens to orders over time: the clock, the order state machine, notifications, the rate table. */
export interface World {
  readonly scheduler: Scheduler;
  readonly lifecycle: OrderLifecycle;
  readonly notifications: NotificationCenter;
  readonly rates: RateTable;
  /** Stops timers and waits for running tasks. */
  stop(): Promise<void>;
}

export function createWorld(options: WorldOptions, deps: WorldDependencies): World {
  const { state, persist } = deps.persistence;
  const rates = new RateTable(options.rates); // first: a bad table throws before any timer starts
  const scheduler = new Scheduler(
    options.clock ?? { now: () => Date.now() },
    options.timeScale ?? 1,
    state.clockOffsetMs ?? 0,
  );
  // The advanced offset is state: a restart must not move sandbox time (and every due resend) back.
  deps.persistence.beforeSave((saved) => {
    saved.clockOffsetMs = scheduler.offsetMs;
  });
  const notifications = new NotificationCenter({
    state,
    scheduler,
    persist,
    merchant: deps.merchant,
    takeFault: deps.takeNotificationFault,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  });
  const lifecycle = new OrderLifecycle({
    state,
    now: () => scheduler.now(),
    persist,
    notifications,
    merchant: deps.merchant,
    voucherUrl: deps.voucherUrl,
  });
  scheduler.onAdvance(() => lifecycle.sweep());
  scheduler.onAdvance(persist);
  // Unpaid orders close after 7 days even while nobody asks.
  const sweepTimer = setInterval(() => lifecycle.sweep(), 60_000);
  sweepTimer.unref();
  notifications.resume();

  return {
    scheduler,
    lifecycle,
    notifications,
    rates,
    async stop() {
      clearInterval(sweepTimer);
      notifications.stop();
      scheduler.stop();
      await scheduler.idle();
    },
  };
}
