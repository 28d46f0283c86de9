import { pgliteTemplateDirectory } from './pglite-template.js';

/**
 * Vitest global setup: the PGlite template is made once, before any test file starts, instead of by every file
 * that starts at the same time on a fresh clone (each ran its own initdb, ~6 s of CPU, and one of them timed out).
 * A no-op once the template exists.
 */
export default async function setup(): Promise<void> {
  await pgliteTemplateDirectory();
}
