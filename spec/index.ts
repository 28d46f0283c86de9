// @etkit/spec: the one way the workspace reads the protocol reference. JSON imports
// (`import vectors from '@etkit/spec/vectors.json' with { type: 'json' }`) suit code bundled for a browser or
// workerd; readSpecText gives a file's exact text (byte-level tests, hashes, the docs).
import { readFileSync } from 'node:fs';

export type SpecFile = 'vectors.json' | 'constants.json' | 'PROTOCOL.md' | 'ENDPOINTS.md';

/** The exact text of one file of the reference. */
export function readSpecText(file: SpecFile): string {
  return readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
}

/** One file of the reference, parsed. */
export function readSpecJson<T = unknown>(file: 'vectors.json' | 'constants.json'): T {
  return JSON.parse(readSpecText(file)) as T;
}
