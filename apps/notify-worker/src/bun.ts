/**
 * Bun entry: `bun src/bun.ts`. Bun serves a module whose default export has `fetch` (and `port`, `hostname`);
 * the bindings are the process environment. PORT default 8787, HOST default 127.0.0.1.
 */
import { readListenAddress } from './config.ts';
import worker, { prepareAtStart } from './worker.ts';

const env = { ...process.env };
// Throws WorkerConfigError (naming PORT) before Bun starts serving.
const { port, host } = readListenAddress(env);
prepareAtStart(env);

export default {
  port,
  hostname: host,
  fetch: (request: Request) => worker.fetch(request, env),
};
