/** A time source: milliseconds since the epoch. Inject one to run the sandbox on a fake clock. */
export interface TimeSource {
  now(): number;
}

export interface SandboxClock {
  /** Sandbox time in ms: the base time source plus every `advance`. */
  now(): number;
  /**
   * Jump forward by `ms`. Every task that falls due (notification resends, the 7-day close) runs, in due
   * order, before the promise resolves.
   */
  advance(ms: number): Promise<void>;
}

/** The last instant a JavaScript Date can hold (ECMA-262 §21.4.1.1). */
const maxDateMs = 8.64e15;

interface ScheduledTask {
  id: number;
  dueAt: number;
  run: () => Promise<void> | void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The sandbox clock and its task scheduler. A task is due at a sandbox time; it runs either when
 * `advance` reaches that time or after the real wait (dueAt - now) × timeScale, whichever comes first.
 */
export class Scheduler implements SandboxClock {
  private offset = 0;
  private nextId = 1;
  private readonly tasks = new Map<number, ScheduledTask>();
  private readonly running = new Set<Promise<void>>();
  private readonly afterAdvance: Array<() => Promise<void> | void> = [];
  private closed = false;

  constructor(
    private readonly base: TimeSource,
    private readonly timeScale: number,
    /** The offset a previous run had advanced to (persisted state). */
    initialOffsetMs = 0,
  ) {
    if (!(timeScale >= 0) || !Number.isFinite(timeScale)) throw new RangeError('timeScale must be a finite number ≥ 0');
    if (!(initialOffsetMs >= 0) || !Number.isFinite(initialOffsetMs)) {
      throw new RangeError('the clock offset must be a finite number ≥ 0');
    }
    this.offset = initialOffsetMs;
  }

  now(): number {
    return this.base.now() + this.offset;
  }

  /** How far `advance` has moved sandbox time past the base time source. */
  get offsetMs(): number {
    return this.offset;
  }

  /** Hooks that run after each `advance` (the order sweeper uses it). */
  onAdvance(hook: () => Promise<void> | void): void {
    this.afterAdvance.push(hook);
  }

  async advance(ms: number): Promise<void> {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError('advance(ms) needs a finite number ≥ 0');
    const target = this.now() + ms;
    // Past it every date (notification times, the payment page) would throw: refuse before moving.
    if (target > maxDateMs) throw new RangeError('advance(ms) would move the clock past the last representable date');
    // Step through due tasks one at a time so a task sees the clock at its own due time and tasks it
    // schedules (the next resend) can fall due within the same advance.
    for (;;) {
      const next = this.earliestDue(target);
      if (!next) break;
      this.offset += Math.max(0, next.dueAt - this.now());
      await this.runTask(next);
    }
    this.offset += Math.max(0, target - this.now());
    for (const hook of this.afterAdvance) await hook();
    await this.settle();
  }

  /** Runs every task already due, then waits until none is running. */
  async settle(): Promise<void> {
    for (;;) {
      const next = this.earliestDue(this.now());
      if (!next) break;
      await this.runTask(next);
    }
    await this.idle();
  }

  /** Schedule `run` at sandbox time `dueAt`. Returns a cancel function. */
  schedule(dueAt: number, run: () => Promise<void> | void): () => void {
    const task: ScheduledTask = { id: this.nextId++, dueAt, run, timer: undefined };
    this.tasks.set(task.id, task);
    if (!this.closed) {
      const wait = Math.max(0, (dueAt - this.now()) * this.timeScale);
      task.timer = setTimeout(() => void this.runTask(task), Math.min(wait, 2 ** 31 - 1));
      task.timer.unref?.();
    }
    return () => this.cancel(task);
  }

  /** Resolves when no task is running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Stop all real timers; tasks stay queued so `advance` can still run them. */
  stop(): void {
    this.closed = true;
    for (const task of this.tasks.values()) {
      if (task.timer) clearTimeout(task.timer);
      task.timer = undefined;
    }
  }

  private earliestDue(limit: number): ScheduledTask | undefined {
    let best: ScheduledTask | undefined;
    for (const task of this.tasks.values()) {
      if (task.dueAt <= limit && (!best || task.dueAt < best.dueAt)) best = task;
    }
    return best;
  }

  private cancel(task: ScheduledTask): void {
    if (task.timer) clearTimeout(task.timer);
    this.tasks.delete(task.id);
  }

  private async runTask(task: ScheduledTask): Promise<void> {
    if (!this.tasks.has(task.id)) return;
    this.cancel(task);
    const promise = Promise.resolve()
      .then(task.run)
      .catch(() => {
        // A task reports its own failures (the delivery log); a throw must not stop the scheduler.
      });
    this.running.add(promise);
    try {
      await promise;
    } finally {
      this.running.delete(promise);
    }
  }
}
