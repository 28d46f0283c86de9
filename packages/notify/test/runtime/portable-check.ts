/**
 * Runs the core and the fetch adapter on whatever runtime executes it (Bun, Deno, Node, workerd) with that
 * runtime's own Request, Response, FormData and HTTP server, and returns one summary for the test to compare.
 * Uses only Web APIs plus the runtime's server (Bun.serve / Deno.serve / none). Run as a script (Bun, Deno), it
 * prints the summary as one JSON line; workerd-entry.ts runs it inside a request and serves the handler itself.
 */

import vectors from '@etkit/spec/vectors.json' with { type: 'json' };
import { createNotificationHandler } from '../../src/fetch.js';
import { createMemoryInbox, openNotification } from '../../src/index.js';
import { buildNotification } from '../../src/testing.js';

const { salt, cases } = vectors.notifications;

/** Serves the handler over the runtime's HTTP server; `url` is where the notifications are POSTed. */
export type Serve = (handler: (request: Request) => Promise<Response>) => {
  url: string;
  stop(): Promise<void> | void;
};

const runtime = globalThis as unknown as {
  Bun?: { serve(o: object): { port: number; stop(force?: boolean): void } };
  Deno?: {
    serve(o: object, h: (r: Request) => Promise<Response>): { addr: { port: number }; shutdown(): Promise<void> };
  };
};

/** Bun.serve or Deno.serve on 127.0.0.1 with a free port; undefined on other runtimes. */
export const runtimeServe: Serve | undefined = runtime.Bun
  ? (handler) => {
      const server = runtime.Bun!.serve({ port: 0, hostname: '127.0.0.1', fetch: handler });
      return { url: `http://127.0.0.1:${server.port}/`, stop: () => server.stop(true) };
    }
  : runtime.Deno
    ? (handler) => {
        const server = runtime.Deno!.serve({ port: 0, hostname: '127.0.0.1', onListen() {} }, handler);
        return { url: `http://127.0.0.1:${server.addr.port}/`, stop: () => server.shutdown() };
      }
    : undefined;

/** Without `serve`, the handler is called directly with the runtime's own Request objects. */
export async function runPortableCheck(serve: Serve | undefined): Promise<Record<string, unknown>> {
  const core: string[] = [];
  for (const c of cases) {
    try {
      const n = await openNotification({ body: c.body, contentType: c.content_type }, { salt });
      core.push(`${n.kind}:${JSON.stringify(n.acknowledgement)}`);
    } catch (error) {
      core.push(`error:${(error as { code?: string }).code}`);
    }
  }

  const multipart = buildNotification({ salt, kind: 'refund_result', encoding: 'multipart' });
  const multipartKind = (await openNotification(multipart, { salt })).kind;

  let handled = 0;
  const handler = createNotificationHandler({
    salt,
    inbox: createMemoryInbox(),
    onNotification: () => {
      handled++;
    },
    onError: () => {},
  });
  const send = async (base: string | undefined, body: string, contentType: string) => {
    const init = { method: 'POST', body, headers: { 'content-type': contentType } };
    const response = base === undefined ? await handler(new Request('http://local/', init)) : await fetch(base, init);
    return `${response.status}:${await response.text()}`;
  };

  const server = serve?.(handler);
  const http: string[] = [];
  for (const c of [...cases, cases[0]!]) http.push(await send(server?.url, c.body, c.content_type));
  http.push(await send(server?.url, multipart.body, multipart.contentType));
  await server?.stop();

  return { served: server !== undefined, core, multipartKind, http, handled };
}

if ((import.meta as { main?: boolean }).main) console.log(JSON.stringify(await runPortableCheck(runtimeServe)));
