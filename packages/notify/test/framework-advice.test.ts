import type express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createNotificationHandler as createExpressHandler } from '../src/express.js';
import { createNotificationHandler as createFetchHandler } from '../src/fetch.js';
import {
  BODY_NOT_RAW_MESSAGE,
  bodyNotRawAdvice,
  createRawBodyHandler,
  type DeliveryFailure,
  NOTIFICATION_FRAMEWORKS,
  type Notification,
  type NotificationFramework,
} from '../src/index.js';
import { expressVersions, post, type RunningServer, startExpress } from './helpers/servers.js';
import { cases, notificationVectors } from './helpers/vectors.js';

const salt = notificationVectors.salt;
const jsonCase = cases.find((c) => c.content_type === 'application/json' && c.valid)!;
const formCase = cases.find((c) => c.content_type.startsWith('application/x-www') && c.valid)!;
const quiet = { salt, onNotification: () => {}, onError: () => {} };

let running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.map((server) => server.close()));
  running = [];
});

/** A request whose body was read before the handler got it, as a framework's parser would. */
async function readRequest(): Promise<Request> {
  const request = new Request('http://localhost/et/notify', {
    method: 'POST',
    body: formCase.body,
    headers: { 'content-type': formCase.content_type },
  });
  await request.text();
  return request;
}

async function fetchAdviceFor(framework?: NotificationFramework): Promise<string> {
  const handle = createFetchHandler(framework === undefined ? quiet : { ...quiet, framework });
  const response = await handle(await readRequest());
  expect(response.status).toBe(500);
  const answer = (await response.json()) as { code: string; message: string };
  expect(answer.code).toBe('BODY_NOT_RAW');
  return answer.message;
}

describe('BODY_NOT_RAW advice follows the framework', () => {
  it('every framework has its own advice, each naming its own fix', () => {
    const expected: Record<NotificationFramework, RegExp> = {
      express: /express\.raw\(/,
      fetch: /request\.bodyUsed/,
      fastify: /addContentTypeParser\('\*', \{ parseAs: 'buffer' \}/,
      hono: /c\.req\.raw/,
      koa: /ctx\.respond = false/,
      nestjs: /rawBody: true/,
      nextjs: /route's POST/,
    };
    expect([...NOTIFICATION_FRAMEWORKS].sort()).toEqual(Object.keys(expected).sort());
    const messages = new Set<string>();
    for (const framework of NOTIFICATION_FRAMEWORKS) {
      const advice = bodyNotRawAdvice(framework);
      expect(advice, framework).toMatch(expected[framework]);
      if (framework !== 'express') expect(advice, framework).not.toMatch(/express\./);
      messages.add(advice);
    }
    expect(messages.size).toBe(NOTIFICATION_FRAMEWORKS.length);
  });

  it('the fetch handler defaults to Web advice and gives Hono or Next.js advice when told', async () => {
    expect(await fetchAdviceFor()).toBe(bodyNotRawAdvice('fetch'));
    const hono = await fetchAdviceFor('hono');
    expect(hono).toBe(bodyNotRawAdvice('hono'));
    expect(hono).toContain('c.req.parseBody()');
    const next = await fetchAdviceFor('nextjs');
    expect(next).toBe(bodyNotRawAdvice('nextjs'));
    expect(next).not.toMatch(/hono|express/i);
  });

  it('refuses an unknown framework when the handler is built', () => {
    const framework = 'rails' as NotificationFramework;
    expect(() => createFetchHandler({ ...quiet, framework })).toThrow(/framework must be one of/);
    expect(() => createExpressHandler({ ...quiet, framework })).toThrow(TypeError);
    expect(() => createRawBodyHandler({ ...quiet, framework })).toThrow(TypeError);
  });

  for (const { name, express: expressModule } of expressVersions) {
    describe(`the Node route on ${name}`, () => {
      const start = async (framework: NotificationFramework | undefined, before: express.RequestHandler[]) => {
        const failures: DeliveryFailure[] = [];
        const seen: Notification[] = [];
        const options = {
          salt,
          onNotification: (n: Notification) => void seen.push(n),
          onError: (f: DeliveryFailure) => void failures.push(f),
          ...(framework === undefined ? {} : { framework }),
        };
        const server = await startExpress(options, before, expressModule);
        running.push(server);
        return { url: server.url, failures, seen };
      };
      // What Koa's body parsers do to the request stream the route gets as ctx.req.
      const drain: express.RequestHandler = (req, _res, next) => {
        req.resume();
        req.on('end', () => next());
      };
      // What NestJS's JSON parser leaves: a parsed body, and with `rawBody: true` the bytes beside it.
      const nestParser =
        (keepRaw: boolean): express.RequestHandler =>
        (req, _res, next) => {
          const chunks: Buffer[] = [];
          req.on('data', (chunk: Buffer) => chunks.push(chunk));
          req.on('end', () => {
            const raw = Buffer.concat(chunks);
            req.body = JSON.parse(raw.toString('utf8'));
            if (keepRaw) (req as { rawBody?: Buffer }).rawBody = raw;
            next();
          });
        };

      it('keeps Express advice by default and gives Koa advice when told', async () => {
        const plain = await start(undefined, [drain]);
        expect((await post(plain.url, formCase.body, formCase.content_type)).json['message']).toBe(
          bodyNotRawAdvice('express'),
        );
        const koa = await start('koa', [drain]);
        const answer = await post(koa.url, formCase.body, formCase.content_type);
        expect(answer.status).toBe(500);
        expect(answer.json['message']).toBe(bodyNotRawAdvice('koa'));
        expect(koa.failures.map((f) => f.message)).toEqual([bodyNotRawAdvice('koa')]);
      });

      it("tells NestJS users to turn on rawBody, and reads NestJS's rawBody once it is on", async () => {
        const parsedOnly = await start('nestjs', [nestParser(false)]);
        const refused = await post(parsedOnly.url, jsonCase.body, jsonCase.content_type);
        expect(refused.json).toMatchObject({ code: 'BODY_NOT_RAW', message: bodyNotRawAdvice('nestjs') });

        const withRaw = await start('nestjs', [nestParser(true)]);
        const accepted = await post(withRaw.url, jsonCase.body, jsonCase.content_type);
        expect(accepted).toEqual({ status: 200, json: { notify_result: 'OK' } });
        expect(withRaw.seen.map((n) => n.kind)).toEqual(['payment_result']);
        // The bytes, not the parsed object: 10000.00 kept its wire text, or the signature would have failed.
        expect(withRaw.seen[0]!.raw['pay_amount']).toBe('10000.00');
      });
    });
  }
});

describe('createRawBodyHandler (frameworks that read the body themselves)', () => {
  const bytes = new TextEncoder().encode(jsonCase.body);
  const headers = { 'content-type': jsonCase.content_type };

  it('verifies bytes or text, once, and answers OK with a duplicate still OK', async () => {
    const seen: Notification[] = [];
    const handle = createRawBodyHandler({ ...quiet, onNotification: (n) => void seen.push(n) });
    expect(await handle({ method: 'POST', headers, body: bytes })).toMatchObject({
      status: 200,
      body: '{"notify_result":"OK"}',
    });
    expect((await handle({ method: 'POST', headers, body: jsonCase.body })).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it('refuses a parsed body with advice for each usual framework, or for the one named', async () => {
    const parsed = JSON.parse(jsonCase.body) as unknown;
    const generic = await createRawBodyHandler(quiet)({ method: 'POST', headers, body: parsed });
    expect(generic.status).toBe(500);
    expect(JSON.parse(generic.body)).toMatchObject({ code: 'BODY_NOT_RAW', message: BODY_NOT_RAW_MESSAGE });
    const fastify = await createRawBodyHandler({ ...quiet, framework: 'fastify' })({
      method: 'POST',
      headers,
      body: parsed,
    });
    expect(JSON.parse(fastify.body)).toMatchObject({ code: 'BODY_NOT_RAW', message: bodyNotRawAdvice('fastify') });
  });

  it('applies maxBodyBytes, the method check and the Content-Encoding check', async () => {
    const handle = createRawBodyHandler({ ...quiet, maxBodyBytes: bytes.byteLength - 1 });
    expect((await handle({ method: 'POST', headers, body: bytes })).status).toBe(413);
    // Counted in UTF-8 bytes, not characters: fewer characters than the limit, more bytes.
    const text = 'é'.repeat(Math.ceil(bytes.byteLength / 2));
    expect((await handle({ method: 'POST', headers, body: text })).status).toBe(413);
    expect((await handle({ method: 'GET', headers, body: undefined })).status).toBe(405);
    const gzip = { ...headers, 'content-encoding': 'gzip' };
    expect((await createRawBodyHandler(quiet)({ method: 'POST', headers: gzip, body: bytes })).status).toBe(415);
  });
});
