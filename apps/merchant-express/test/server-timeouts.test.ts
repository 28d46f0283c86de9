import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { applyServerTimeouts, serverTimeoutDefaults } from '../src/server-timeouts.js';
import { type Stack, startStack } from './support/stack.js';

// Short timeouts so the test waits little (the defaults are the README's); the idle timeout stays long here,
// so a connection closed within the test's time was closed by the timeout under test.
const timeouts = {
  headersTimeoutMs: 400,
  requestTimeoutMs: 800,
  keepAliveTimeoutMs: 300,
  idleSocketTimeoutMs: 60_000,
  checkingIntervalMs: 100,
};

interface Connection {
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
  isClosed: () => boolean;
}

async function open(url: string): Promise<Connection> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let text = '';
  let closed = false;
  socket.on('data', (chunk) => {
    text += chunk.toString('latin1');
  });
  socket.on('error', () => {});
  return {
    socket,
    received: () => text,
    closed: new Promise((resolve) =>
      socket.once('close', () => {
        closed = true;
        resolve();
      }),
    ),
    isClosed: () => closed,
  };
}

/** Writes `text` one byte every `everyMs` until the socket closes or the text is sent; returns bytes written. */
async function trickle(connection: Connection, text: string, everyMs: number): Promise<number> {
  let written = 0;
  for (const byte of text) {
    if (connection.isClosed() || connection.socket.destroyed) break;
    connection.socket.write(byte);
    written += 1;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return written;
}

// Each test has connections of its own and mostly waits for a timeout to fire: the tests of each block run side by
// side (one stack), so the file waits about as long as its longest test instead of the sum of them all.
describe.concurrent('server timeouts (real sockets)', () => {
  let stack: Stack;

  beforeAll(async () => {
    // PGlite in a copy of the tests' ready-made data directory: initdb is not what these tests are about.
    stack = await startStack('pglite', { timeouts, pgliteFromTemplate: true });
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('drops a notification whose body trickles in, long before the body would be complete', async ({ expect }) => {
    const body = 'order_id=ET1&pay_result=1&'.repeat(40);
    const connection = await open(stack.site.url);
    connection.socket.write(
      `POST /notifications HTTP/1.1\r\nHost: merchant.test\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    const written = await trickle(connection, body, 50);
    await connection.closed;
    expect(written).toBeLessThan(body.length);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
  }, 30_000);

  it('drops a sender whose headers trickle in', async ({ expect }) => {
    const connection = await open(stack.site.url);
    const written = await trickle(
      connection,
      `GET /orders HTTP/1.1\r\nHost: merchant.test\r\n${'X-Slow: y\r\n'.repeat(200)}\r\n`,
      20,
    );
    await connection.closed;
    expect(written).toBeLessThan(2000);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
  }, 30_000);

  it('closes an idle keep-alive connection after a request was served', async ({ expect }) => {
    const connection = await open(stack.site.url);
    connection.socket.write('GET /health HTTP/1.1\r\nHost: merchant.test\r\nConnection: keep-alive\r\n\r\n');
    await connection.closed;
    expect(connection.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(connection.received()).toContain('"ok":true');
  }, 30_000);

  it('closes a connection that sends nothing at all', async ({ expect }) => {
    const connection = await open(stack.site.url);
    await connection.closed;
    expect(connection.received()).toMatch(/^(HTTP\/1\.1 408 |$)/);
  }, 30_000);

  it('keeps the live event stream open past the request and headers timeouts', async ({ expect }) => {
    const connection = await open(stack.site.url);
    // A signed-in staff stream watching one order (the stream needs both since staff sign-in came).
    connection.socket.write(
      `GET /events?orders=M-1 HTTP/1.1\r\nHost: merchant.test\r\nAccept: text/event-stream\r\nCookie: ${stack.cookie}\r\n\r\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 3 * timeouts.requestTimeoutMs));
    expect(connection.isClosed()).toBe(false);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(connection.received()).toContain('retry: 2000');
    connection.socket.destroy();
  }, 30_000);

  it('serves a request that arrives at once, and the defaults keep the headers timeout within the request timeout', async ({
    expect,
  }) => {
    const response = await fetch(`${stack.site.url}/health`);
    expect(response.status).toBe(200);
    expect(serverTimeoutDefaults.headersTimeoutMs).toBeLessThanOrEqual(serverTimeoutDefaults.requestTimeoutMs);
  });
});

describe.concurrent('the idle socket timeout', () => {
  const idle = { ...serverTimeoutDefaults, idleSocketTimeoutMs: 500, checkingIntervalMs: 100 };
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer({ headersTimeout: 10_000, requestTimeout: 15_000 });
    // A page that never answers, and a live stream that never writes after its headers.
    applyServerTimeouts(server, idle, (req, res) => {
      if (req.url?.startsWith('/events')) res.writeHead(200, { 'content-type': 'text/event-stream' }).flushHeaders();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('closes a connection on which nothing moves, but never a live event stream', async ({ expect }) => {
    const stalled = await open(url);
    stalled.socket.write('GET /orders HTTP/1.1\r\nHost: merchant.test\r\n\r\n');
    const live = await open(url);
    live.socket.write('GET /events/?orders=a HTTP/1.1\r\nHost: merchant.test\r\n\r\n');
    await stalled.closed;
    // Four idle periods later, the stream (silent all along) is still open.
    await new Promise((resolve) => setTimeout(resolve, 4 * idle.idleSocketTimeoutMs));
    expect(live.isClosed()).toBe(false);
    expect(live.received()).toMatch(/^HTTP\/1\.1 200 /);
    live.socket.destroy();
  }, 30_000);

  it('refuses a headers timeout longer than the request timeout', ({ expect }) => {
    expect(() =>
      applyServerTimeouts(createServer(), { ...serverTimeoutDefaults, headersTimeoutMs: 20_000 }, () => {}),
    ).toThrow(RangeError);
  });
});
