/**
 * Bun entry: `bun src/bun.ts`. Bun serves a module whose default export has `fetch` (and `port`, `hostname`);
 * the bindings are the process environment. PORT default 8787, HOST default 127.0.0.1.
 */
import worker from './worker.ts';

const env = { ...process.env };

export default {
  port: Number(process.env.PORT ?? 8787),
  hostname: process.env.HOST ?? '127.0.0.1',
  fetch: (request: Request) => worker.fetch(request, env),
};
