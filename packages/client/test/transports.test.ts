import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTransport, RequestNotSentError, type TransportRequest } from '../src/index.js';
import { undiciTransport } from '../src/index.node.js';
import { refusedPortUrl } from './helpers/fake-et.js';

// The transports on their own, against a plain HTTP server that echoes what it saw.
describe('built-in transports', () => {
  let server: Server;
  let url: string;
  const sockets = new Set<unknown>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      sockets.add(req.socket);
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json', 'X-Echo': 'yes', 'X-Twice': ['a', 'b'] });
        res.end(JSON.stringify({ method: req.method, path: req.url, body, type: req.headers['content-type'] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/server?x=1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const request = (): TransportRequest => ({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: '{"a":"中文"}',
    signal: new AbortController().signal,
  });

  it.each([
    ['undici', () => undiciTransport()],
    ['fetch', () => fetchTransport()],
  ] as const)(
    '%s sends the body as given and returns status, lower-case headers (repeats joined) and text',
    async (_name, make) => {
      const transport = make();
      const response = await transport(request());
      expect(response.status).toBe(201);
      expect(response.headers['x-echo']).toBe('yes');
      // A repeated header comes back as one value, joined as the Fetch API's Headers joins it.
      expect(response.headers['x-twice']).toBe('a, b');
      expect(JSON.parse(response.body)).toEqual({
        method: 'POST',
        path: '/server?x=1',
        body: '{"a":"中文"}',
        type: 'application/json; charset=utf-8',
      });
      await (transport as { close?: () => Promise<void> }).close?.();
    },
  );

  it('undici keeps connections alive by default, and opens one per request with keepAlive: false', async () => {
    sockets.clear();
    const pooled = undiciTransport({ connections: 1 });
    for (let i = 0; i < 3; i++) await pooled(request());
    expect(sockets.size).toBe(1);
    await pooled.close();

    sockets.clear();
    const fresh = undiciTransport({ keepAlive: false });
    for (let i = 0; i < 3; i++) await fresh(request());
    expect(sockets.size).toBe(3);
    await fresh.close();
  });

  it('fetchTransport uses the fetch it is given', async () => {
    const seen: string[] = [];
    const transport = fetchTransport({
      fetch: async (input) => {
        seen.push(String(input));
        return new Response('{"ok":true}', { status: 200 });
      },
    });
    expect(await transport(request())).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(seen).toEqual([url]);
  });

  it.each([
    ['undici', () => undiciTransport()],
    ['fetch', () => fetchTransport()],
  ] as const)('%s reports a refused connection as RequestNotSentError', async (_name, make) => {
    const transport = make();
    const refused = { ...request(), url: await refusedPortUrl() };
    await expect(transport(refused)).rejects.toBeInstanceOf(RequestNotSentError);
    await (transport as { close?: () => Promise<void> }).close?.();
  });
});
