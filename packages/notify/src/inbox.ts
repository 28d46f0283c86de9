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
  /** Most keys kept; beyond it the oldest are forgotten. Default 100 000 (about 22 MB: see the bench). */
  maxEntries?: number;
  /** Clock, for tests. */
  now?: () => number;
}

interface Entry {
  state: 'in-progress' | 'done';
  expiresAt: number;
  /** Which write made this entry; an older write's place in the age queue no longer counts. */
  write: number;
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
  const entries = new Map<string, Entry>();
  // Every write, oldest first, as parallel arrays read from `head`: forgetting the oldest is O(1). (Iterating
  // a Map from its start after many deletions is not: it walks over the deleted slots every time.)
  let queueKeys: string[] = [];
  let queueWrites: number[] = [];
  let head = 0;
  let writes = 0;

  const put = (key: string, state: Entry['state'], expiresAt: number, at: number): void => {
    const write = ++writes;
    entries.set(key, { state, expiresAt, write });
    queueKeys.push(key);
    queueWrites.push(write);
    // Forget from the old end: entries over the cap, expired ones, and queue places a later write superseded.
    while (head < queueKeys.length) {
      const oldKey = queueKeys[head]!;
      const old = entries.get(oldKey);
      const current = old !== undefined && old.write === queueWrites[head];
      if (current && entries.size <= maxEntries && old.expiresAt > at) break;
      if (current) entries.delete(oldKey);
      head++;
    }
    if (head > 1024 && head * 2 > queueKeys.length) {
      queueKeys = queueKeys.slice(head);
      queueWrites = queueWrites.slice(head);
      head = 0;
    }
  };

  return {
    get size() {
      return entries.size;
    },
    async claim(key) {
      const at = now();
      const entry = entries.get(key);
      if (entry !== undefined && entry.expiresAt > at) return entry.state;
      put(key, 'in-progress', at + leaseMs, at);
      return 'claimed';
    },
    async complete(key) {
      const at = now();
      put(key, 'done', at + doneTtlMs, at);
    },
    async release(key) {
      entries.delete(key);
    },
  };
}
