import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRequestGate } from '../src/request-gate.js';

// The site listens before its app exists; a notification ET resends right after a restart used to land in that
// gap and hang unanswered until ET gave up (10 s), seen in the chaos-postgres runs. Now it waits for the app.

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

async function listening(gate: ReturnType<typeof createRequestGate>): Promise<string> {
  const server = createServer(gate.handle);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Resolves once the server has received `count` requests (the gate holds them, unanswered). */
function arrivals(gate: ReturnType<typeof createRequestGate>, count: number) {
  const seen: string[] = [];
  let done: () => void;
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  const handle = gate.handle;
  gate.handle = (req, res) => {
    seen.push(req.url ?? '');
    if (seen.length === count) done();
    handle(req, res);
  };
  return { all, seen };
}

describe('requests that arrive before the app is ready', () => {
  it('wait, then are answered by the app in arrival order; later ones go straight to it', async () => {
    const gate = createRequestGate();
    const arrived = arrivals(gate, 3);
    const url = await listening(gate);
    const early = [1, 2, 3].map((n) => fetch(`${url}/notify/${n}`, { method: 'POST', body: `n=${n}` }));
    await arrived.all;
    const order: string[] = [];
    gate.open((req, res) => {
      order.push(req.url ?? '');
      res.end(`app:${req.url}`);
    });
    const answers = await Promise.all(
      early.map(async (answer) => [(await answer).status, await (await answer).text()]),
    );
    expect(answers).toEqual([
      [200, 'app:/notify/1'],
      [200, 'app:/notify/2'],
      [200, 'app:/notify/3'],
    ]);
    expect(order).toEqual(arrived.seen);
    const later = await fetch(`${url}/later`);
    expect(await later.text()).toBe('app:/later');
  });

  it('are answered 503 with Retry-After if the site fails to start, and so are later ones', async () => {
    const gate = createRequestGate();
    const arrived = arrivals(gate, 1);
    const url = await listening(gate);
    const early = fetch(`${url}/notify`, { method: 'POST', body: 'x=1' });
    await arrived.all;
    gate.fail();
    const answer = await early;
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect((await fetch(`${url}/after`)).status).toBe(503);
  });
});
