import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import express from 'express';
import express4 from 'express4';
import { createNotificationHandler as createExpressHandler } from '../../src/express.js';
import { createNotificationHandler as createFetchHandler } from '../../src/fetch.js';
import type { NotificationHandlerOptions } from '../../src/index.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

function listen(server: Server): Promise<RunningServer> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/et/notify`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Both majors the peer range allows: each test of the Express route runs on Express 4 and on Express 5. */
export const expressVersions = [
  { name: 'Express 5', express },
  { name: 'Express 4', express: express4 },
] as const;

/**
 * An Express app (5 unless `expressModule` says otherwise) with the notification route (on every method, to exercise
 * its 405); `before` lets a test mount a body parser in front of it.
 */
export function startExpress(
  options: NotificationHandlerOptions,
  before: express.RequestHandler[] = [],
  expressModule: typeof express = express,
): Promise<RunningServer> {
  const app = expressModule();
  app.all('/et/notify', ...before, createExpressHandler(options));
  return listen(createServer(app));
}

/** The fetch handler behind a tiny node:http → Request bridge (the body streamed, not buffered). */
export function startFetchBridge(options: NotificationHandlerOptions): Promise<RunningServer> {
  const handle = createFetchHandler(options);
  const server = createServer(async (req, res) => {
    const response = await handle(toRequest(req));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(new Uint8Array(await response.arrayBuffer()));
  });
  return listen(server);
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(`http://127.0.0.1${req.url}`, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    duplex: 'half',
  } as RequestInit);
}

export const adapters = [
  ...expressVersions.map(({ name, express: expressModule }) => ({
    name,
    start: (options: NotificationHandlerOptions) => startExpress(options, [], expressModule),
  })),
  { name: 'fetch', start: startFetchBridge },
] as const;

export async function post(
  url: string,
  body: string | Uint8Array<ArrayBuffer>,
  contentType: string | undefined,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers['content-type'] = contentType;
  const response = await fetch(url, { method: 'POST', body, headers });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as Record<string, unknown> };
}
