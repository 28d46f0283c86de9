/**
 * Deno entry: `deno serve --allow-net --allow-env src/deno.ts` (add `--port`/`--host` as you like). `deno serve`
 * calls the default export's `fetch` for every request; the bindings are the process environment.
 */
import worker from './worker.ts';

declare const Deno: { env: { toObject(): Record<string, string> } };

const env = Deno.env.toObject();

export default {
  fetch: (request: Request) => worker.fetch(request, env),
};
