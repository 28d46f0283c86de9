import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, EtkitClientError } from '../src/index.js';
import { undiciTransport } from '../src/index.node.js';
import { clientKeys, merchant } from './helpers/keys.js';

// The pipeline awaits the undici transport on its own Agent directly, without racing it against the attempt's
// abort (undici rejects at once, body included); a dispatcher passed in is raced like any other transport.
describe('undici transport and the attempt budget', () => {
  let server: Server;
  let url: string;
  const stalled = new Set<ServerResponse>();
  beforeAll(async () => {
    // `/silent` never answers; `/drip` sends its headers and one byte of the body, then stalls.
    server = createServer((req, res) => {
      stalled.add(res);
      if (req.url === '/drip') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const clientOn = (path: string, transport: ReturnType<typeof undiciTransport>) =>
    createClient({
      environment: `${url}${path}`,
      ...merchant,
      keys: clientKeys,
      retry: false,
      timeoutMs: 100,
      transport,
    });

  it.each(['/silent', '/drip'])('times out at %s on its own Agent, without the race', async (path) => {
    const transport = undiciTransport();
    const error = await clientOn(path, transport)
      .getRate({})
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(EtkitClientError);
    expect((error as EtkitClientError).code).toBe('TIMEOUT');
    await transport.close();
  });

  it('times out on a dispatcher that ignores the abort: that one is raced', async () => {
    // Takes every request and never calls its handler back, abort included.
    class DeafDispatcher extends Dispatcher {
      dispatched = 0;
      override dispatch(): boolean {
        this.dispatched++;
        return true;
      }
      override async close(): Promise<void> {}
    }
    const dispatcher = new DeafDispatcher();
    const transport = undiciTransport({ dispatcher });
    const error = await clientOn('/silent', transport)
      .getRate({})
      .catch((reason: unknown) => reason);
    expect((error as EtkitClientError).code).toBe('TIMEOUT');
    expect(dispatcher.dispatched).toBe(1);
  });
});
