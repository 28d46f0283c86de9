import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTransport, type TransportRequest } from '../src/index.js';
import { undiciTransport } from '../src/index.node.js';

// A response body is read into memory: without a cap, whatever answers (a misrouted proxy, a hostile endpoint)
// decides how much memory the merchant's process spends. The cap applies to declared and to chunked bodies.
describe('response body limit', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const size = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('size'));
        const chunked = req.url?.includes('chunked') ?? false;
        res.writeHead(200, chunked ? { 'content-type': 'application/json' } : { 'content-length': String(size) });
        const chunk = 'x'.repeat(1024);
        let sent = 0;
        const write = () => {
          while (sent < size) {
            const part = chunk.slice(0, Math.min(1024, size - sent));
            sent += part.length;
            if (!res.write(part)) return res.once('drain', write);
          }
          res.end();
        };
        write();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/server`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const request = (query: string): TransportRequest => ({
    url: `${url}?${query}`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
    signal: new AbortController().signal,
  });

  it.each([
    ['undici', () => undiciTransport({ maxResponseBytes: 4096 })],
    ['fetch', () => fetchTransport({ maxResponseBytes: 4096 })],
  ] as const)(
    '%s refuses a body past maxResponseBytes, declared or chunked, and reads one at the limit',
    async (_name, make) => {
      const transport = make();
      for (const query of ['size=100000', 'chunked=1&size=100000']) {
        await expect(transport(request(query))).rejects.toThrow(/exceeds 4096 bytes/);
      }
      for (const query of ['size=4096', 'chunked=1&size=4096']) {
        expect((await transport(request(query))).body).toHaveLength(4096);
      }
      await (transport as { close?: () => Promise<void> }).close?.();
    },
  );

  it.each([
    ['undici', () => undiciTransport()],
    ['fetch', () => fetchTransport()],
  ] as const)('%s defaults to 256 KiB: reads a body of 262 144 bytes, refuses one more', async (_name, make) => {
    const transport = make();
    for (const query of [`size=${256 * 1024 + 1}`, `chunked=1&size=${256 * 1024 + 1}`]) {
      await expect(transport(request(query))).rejects.toThrow(/exceeds 262144 bytes/);
    }
    expect((await transport(request(`chunked=1&size=${256 * 1024}`))).body).toHaveLength(256 * 1024);
    await (transport as { close?: () => Promise<void> }).close?.();
  });
});
