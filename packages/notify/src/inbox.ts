/**
 * - 'claimed': you are the first; process the notification, then `complete` (or `release` on failure).
 * - 'in-progress': another delivery holds the claim right now; do not process, answer non-OK so ET resends.
 * - 'done': processed before; answer OK without processing again.
 */
export type ClaimResult = 'claimed' | 'in-progress' | 'done';

/**
 * Remembers which notifications were processed, so each is handled once although ET delivers it up to 7
 * times. `claim` must be atomic: of two concurrent claims of one key exactly one gets 'claimed'.
 * A durable implementation (a table with a unique key) survives restarts and serves several processes.
 */
export interface Inbox {
  claim(key: string): Promise<ClaimResult>;
  /** The notification was processed: later claims answer 'done'. */
  complete(key: string): Promise<void>;
  /** Processing failed: forget the claim so the next delivery processes it again. */
  release(key: string): Promise<void>;
}

export interface MemoryInboxOptions {
  /**
   * How long a claim may stay unfinished before another delivery may take it over (a handler that never
   * settled). Default 5 minutes; ET's first resend comes 1 minute after the first delivery. `Infinity` disables.
   */
  leaseMs?: number;
  /** How long a completed key is remembered. Default 24 h: ET's seven deliveries span under 4 hours. */
  doneTtlMs?: number;
  /** Most keys kept; beyond it the oldest are forgotten. Default 100 000 (a few MB). */
  maxEntries?: number;
  /** Clock, for tests. */
  now?: () => number;
}

interface Entry {
  state: 'in-progress' | 'done';
  expiresAt: number;
}

/**
 * An inbox in this process's memory: right for one process and for tests; a restart forgets everything and
 * several processes do not share it. JavaScript runs `claim` to completion before any other, so it is atomic.
 */
export function createMemoryInbox(options: MemoryInboxOptions = {}): Inbox & { readonly size: number } {
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const doneTtlMs = options.doneTtlMs ?? 24 * 60 * 60_000;
  const maxEntries = options.maxEntries ?? 100_000;
  const now = options.now ?? Date.now;
  for (const [name, value] of Object.entries({ leaseMs, doneTtlMs, maxEntries })) {
    if (!(value > 0)) throw new TypeError(`@etkit/notify: memory inbox ${name} must be positive`);
  }
  // A Map iterates in insertion order; entries are re-inserted on every change, so the oldest come first.
  const entries = new Map<string, Entry>();

  const put = (key: string, entry: Entry, at: number): void => {
    entries.delete(key);
    entries.set(key, entry);
    // Forget expired entries at the old end, then the oldest ones if still over the cap.
    for (const [oldKey, old] of entries) {
      if (old.expiresAt > at) break;
      entries.delete(oldKey);
    }
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };

  return {
    get size() {
      return entries.size;
    },
    async claim(key) {
      const at = now();
      const entry = entries.get(key);
      if (entry !== undefined && entry.expiresAt > at) return entry.state;
      put(key, { state: 'in-progress', expiresAt: at + leaseMs }, at);
      return 'claimed';
    },
    async complete(key) {
      const at = now();
      put(key, { state: 'done', expiresAt: at + doneTtlMs }, at);
    },
    async release(key) {
      entries.delete(key);
    },
  };
}
