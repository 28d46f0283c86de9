import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { emptyState, type SandboxState } from './state.js';

/** Where the sandbox keeps its state between restarts. */
export interface SandboxStore {
  load(): SandboxState;
  save(state: SandboxState): void;
}

export function createMemoryStore(): SandboxStore {
  let saved: string | undefined;
  return {
    load: () => (saved === undefined ? emptyState() : (JSON.parse(saved) as SandboxState)),
    save: (state) => {
      saved = JSON.stringify(state);
    },
  };
}

/**
 * Writes a file so that readers see the old or the new content, never a torn one: write a temp file in the
 * same directory, fsync it, then rename over the target.
 */
export function writeFileAtomic(path: string, content: string, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temp, 'w', mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON state in `dataDir/state.json`. */
export function createFileStore(dataDir: string): SandboxStore {
  const path = join(dataDir, 'state.json');
  return {
    load() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
        throw error;
      }
      let state: SandboxState;
      try {
        state = JSON.parse(text) as SandboxState;
      } catch {
        throw new Error(`${path} is not valid JSON; fix or remove it`);
      }
      if (!isRecord(state)) throw new Error(`${path} is not a sandbox state (a JSON object); fix or remove it`);
      if (state.version !== 1) throw new Error(`${path}: unsupported state version`);
      for (const name of ['orders', 'serials', 'deliveries'] as const) {
        if (state[name] !== undefined && !isRecord(state[name])) {
          throw new Error(`${path}: "${name}" must be a JSON object; fix or remove the file`);
        }
      }
      return { ...emptyState(), ...state };
    },
    save(state) {
      writeFileAtomic(path, `${JSON.stringify(state, null, 1)}\n`);
    },
  };
}
