import { emptyState, type SandboxState } from './state.js';
import { createFileStore } from './store.js';

/** The sandbox's state and how it reaches the data directory (in memory when there is none). */
export interface Persistence {
  readonly state: SandboxState;
  /** Asks for a write; the writes of one burst of changes become one atomic file write. */
  persist(): void;
  /**
   * Writes now, once, and stops: a write still queued, or asked for later, does nothing (it used to land after
   * close, re-creating a data directory its owner had just removed).
   */
  close(): void;
  /** Copies what lives outside `state` (serial numbers, the clock offset) into it before each write. */
  beforeSave(copyIn: (state: SandboxState) => void): void;
}

export function createPersistence(dataDir: string | undefined): Persistence {
  const store = dataDir ? createFileStore(dataDir) : undefined;
  const state = store ? store.load() : emptyState();
  const copiers: Array<(state: SandboxState) => void> = [];
  let flushQueued = false;
  let closed = false;

  const flush = () => {
    flushQueued = false;
    if (!store || closed) return;
    for (const copyIn of copiers) copyIn(state);
    store.save(state);
  };
  return {
    state,
    persist: () => {
      if (!store || flushQueued || closed) return;
      flushQueued = true;
      setImmediate(flush);
    },
    close: () => {
      flush();
      closed = true;
    },
    beforeSave: (copyIn) => copiers.push(copyIn),
  };
}
