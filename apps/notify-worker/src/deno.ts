/**
 * Deno entry: `deno serve --allow-net --allow-env src/deno.ts` (add `--port`/`--host` as you like). `deno serve`
 * calls the default export's `fetch` for every request; the bindings are the process environment.
 */
import worker, { prepareAtStart } from './worker.ts';

declare const Deno: { env: { toObject(): Record<string, string> } };

const env = Deno.env.toObject();
prepareAtStart(env);

export default {
  fetch: (request: Request) => worker.fetch(request, env),
};
