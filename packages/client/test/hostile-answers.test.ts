import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, fetchTransport, type Transport } from '../src/index.js';
import { undiciTransport } from '../src/index.node.js';
import { clientKeys, merchant } from './helpers/keys.js';

// What issue 17 measured: a 2 MiB answer of `\n` escapes to a client with timeoutMs 1000 blocked the event loop for
// 16.8 s (the quadratic reader, no timer could run) before failing. Now the default response limit stops such an
// answer while it is being received, and a larger limit only buys linear parsing. Asserted by error code, never
// by time.

const TWO_MIB = 2 * 1024 * 1024;
/** A forged success envelope whose message is `\n` escapes, `size` bytes in all. */
function forgedAnswer(size: number, statusCode = '000000', sign = 'AAAA'): string {
  const head = `{"status_code":"${statusCode}","sign":"${sign}","message":"`;
  const tail = '"}';
  return `${head}${'\\n'.repeat((size - head.length - tail.length) / 2)}${tail}`;
}

describe('hostile answers against a 5 s attempt budget', () => {
  let server: Server;
  let url: string;
  const bodies = { forged: forgedAnswer(TWO_MIB), unsignedError: forgedAnswer(TWO_MIB, '100001', '') };
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const which = new URL(req.url ?? '/', 'http://x').searchParams;
        const body = bodies[(which.get('body') ?? 'forged') as keyof typeof bodies];
        // Declared length, or chunked (no Content-Length: the limit must hold while reading).
        res.writeHead(200, {
          'content-type': 'application/json',
          ...(which.has('chunked') ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
        });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/server`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const transports: Array<[string, (maxResponseBytes?: number) => Transport & { close?: () => Promise<void> }]> = [
    ['undici', (maxResponseBytes) => undiciTransport({ maxResponseBytes })],
    ['fetch', (maxResponseBytes) => fetchTransport({ maxResponseBytes })],
  ];
  const client = (transport: Transport, query: string) =>
    createClient({
      environment: `${url}?${query}`,
      ...merchant,
      keys: clientKeys,
      transport,
      // The report's client had 1 s; 5 s keeps a busy machine from turning the size-limit refusal into a timeout.
      timeoutMs: 5_000,
      retry: false,
    });

  it.each(transports)(
    '%s: a 2 MiB answer fails with the size-limit error (TRANSPORT), declared or chunked',
    async (_name, make) => {
      const transport = make();
      for (const query of ['body=forged', 'body=forged&chunked=1']) {
        await expect(client(transport, query).getPaymentUrl({ order_id: 'ET1' })).rejects.toMatchObject({
          code: 'TRANSPORT',
          mayHaveReachedEt: true,
          message: expect.stringMatching(/exceeds 262144 bytes \(maxResponseBytes\)/),
        });
      }
      await transport.close?.();
    },
  );

  it.each(transports)(
    '%s: with the limit raised past it, the same answer is read in full and refused as forged, not timed out',
    async (_name, make) => {
      const transport = make(4 * 1024 * 1024);
      await expect(client(transport, 'body=forged&chunked=1').getPaymentUrl({ order_id: 'ET1' })).rejects.toMatchObject(
        { code: 'SIGNATURE_INVALID' },
      );
      // An unsigned error of 2 MiB is reported as such, its message cut for logs (the full text stays on etMessage).
      const error = await client(transport, 'body=unsignedError')
        .getPaymentUrl({ order_id: 'ET1' })
        .then(
          () => {
            throw new Error('an unsigned error was accepted as a result');
          },
          (caught: unknown) => caught as { code: string; message: string; etMessage: string; verified: boolean },
        );
      expect(error).toMatchObject({ code: 'API_ERROR', verified: false });
      expect(error.message.length).toBeLessThan(400);
      expect(error.etMessage).toMatch(/^\n{1000000,}$/);
      await transport.close?.();
    },
  );
});
