import { emptyState, type SandboxState } from './state.js';
import { createFileStore } from './store.js';

/** The sandbox's state and how it reaches the data directory (in memory when there is none). */
export interface Persistence {
  readonly state: SandboxState;
  /** Asks for a write; the writes of one burst of changes become one atomic file write. */
  persist(): void;
  /** Writes now (on close). */
  flush(): void;
  /** Copies what lives outside `state` (serial numbers, the clock offset) into it before each write. */
  beforeSave(copyIn: (state: SandboxState) => void): void;
}

export function createPersistence(dataDir: string | undefined): Persistence {
  const store = dataDir ? createFileStore(dataDir) : undefined;
  const state = store ? store.load() : emptyState();
  const copiers: Array<(state: SandboxState) => void> = [];
  let flushQueued = false;

  const flush = () => {
    flushQueued = false;
    if (!store) return;
    for (const copyIn of copiers) copyIn(state);
    store.save(state);
  };
  return {
    state,
    persist: () => {
      if (!store || flushQueued) return;
      flushQueued = true;
      setImmediate(flush);
    },
    flush,
    beforeSave: (copyIn) => copiers.push(copyIn),
  };
}
