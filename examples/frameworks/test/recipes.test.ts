import type { Server } from 'node:http';
import { bodyNotRawAdvice, createRawBodyHandler } from '@etkit/notify';
import { serve } from '@hono/node-server';
import { NestFactory } from '@nestjs/core';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { serve as serveOnNodeServer1 } from 'hono-node-server-1';
import Koa from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { createFastifyApp } from '../src/fastify.js';
import { createHonoApp } from '../src/hono.js';
import { createKoaApp, notificationMiddleware } from '../src/koa.js';
import { createNestApp, NotificationModule } from '../src/nestjs.js';
import {
  cases,
  closeServer,
  FORM,
  httpSender,
  listening,
  receivesNotificationsCorrectly,
  recorded,
  salt,
  signedPayment,
  urlOf,
} from './helpers.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const jsonPayment = cases.find((c) => c.content_type === 'application/json' && c.valid)!;

/** Posts a body the framework parsed before the handler: 500 BODY_NOT_RAW with this framework's fix. */
async function expectAdvice(url: string, framework: Parameters<typeof bodyNotRawAdvice>[0]): Promise<void> {
  const answer = await httpSender(url)(jsonPayment.body, jsonPayment.content_type);
  expect(answer).toEqual({
    status: 500,
    json: { notify_result: 'FAIL', code: 'BODY_NOT_RAW', message: bodyNotRawAdvice(framework) },
  });
}

describe('Fastify: a buffer content-type parser in the route’s scope, createRawBodyHandler', () => {
  it('receives notifications', async () => {
    const { options, seen } = recorded();
    const app = createFastifyApp(options);
    // The rest of the app keeps Fastify's JSON parser: the raw parser is scoped to the notification route.
    app.post('/orders', async (request) => ({ parsed: request.body }));
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => app.close());
    await receivesNotificationsCorrectly(httpSender(`${address}/et/notify`), () => seen);
    const other = await fetch(`${address}/orders`, {
      method: 'POST',
      body: '{"a":1.50}',
      headers: { 'content-type': 'application/json' },
    });
    expect(await other.json()).toEqual({ parsed: { a: 1.5 } });
  });

  it('without the raw parser, gives Fastify advice', async () => {
    const { options } = recorded();
    const app = Fastify();
    const handle = createRawBodyHandler({ ...options, framework: 'fastify' });
    app.post('/et/notify', async (request, reply) => {
      const answer = await handle({ method: request.method, headers: request.headers, body: request.body });
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => app.close());
    await expectAdvice(`${address}/et/notify`, 'fastify');
  });
});

// Both majors of @hono/node-server: 1.x writes Content-Length into the headers object of a Response, which once
// cut every answer after the first OK short (the fetch adapter shared one headers object).
for (const [name, start] of [
  ['@hono/node-server 2', serve],
  ['@hono/node-server 1', serveOnNodeServer1],
] as const) {
  describe(`Hono on ${name}: c.req.raw to the fetch adapter`, () => {
    const startHono = async (app: Hono) => {
      const server = await listening(start({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server);
      closers.push(() => closeServer(server));
      return urlOf(server);
    };

    it('receives notifications', async () => {
      const { options, seen } = recorded();
      const url = await startHono(createHonoApp(options));
      await receivesNotificationsCorrectly(httpSender(url), () => seen);
    });

    it('behind a middleware that parsed the body, gives Hono advice', async () => {
      const { options } = recorded();
      const app = new Hono();
      app.use('/et/*', async (c, next) => {
        await c.req.json();
        await next();
      });
      app.route('/', createHonoApp(options));
      await expectAdvice(await startHono(app), 'hono');
    });
  });
}

describe('Next.js App Router: route.ts exports POST built on the fetch adapter', () => {
  const load = async () => {
    process.env['ET_NOTIFY_SALT'] = salt;
    const route = await import('../src/nextjs/app/et/notify/route.js');
    const { handledNotifications } = await import('../src/nextjs/lib/notifications.js');
    return { POST: route.POST, handledNotifications };
  };

  it('receives notifications through the exported POST and a real Request', async () => {
    const { POST, handledNotifications } = await load();
    const send = async (body: string, contentType: string) => {
      const request = new Request('https://merchant.example/et/notify', {
        method: 'POST',
        body,
        headers: { 'content-type': contentType },
      });
      const response = await POST(request);
      return { status: response.status, json: JSON.parse(await response.text()) as Record<string, unknown> };
    };
    await receivesNotificationsCorrectly(send, () => handledNotifications);
  });

  it('given a Request whose body was read, gives Next.js advice', async () => {
    const { POST, handledNotifications } = await load();
    const before = handledNotifications.length;
    const request = new Request('https://merchant.example/et/notify', {
      method: 'POST',
      body: signedPayment().body,
      headers: { 'content-type': FORM },
    });
    await request.formData();
    const response = await POST(request);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ code: 'BODY_NOT_RAW', message: bodyNotRawAdvice('nextjs') });
    expect(handledNotifications.length).toBe(before);
  });
});

describe('NestJS 11 with rawBody: true: @Req() and @Res() to the Express adapter', () => {
  it('receives notifications (JSON and form through req.rawBody, multipart from the stream)', async () => {
    const { options, seen } = recorded();
    const app = await createNestApp(options);
    await app.listen(0, '127.0.0.1');
    closers.push(() => app.close());
    await receivesNotificationsCorrectly(httpSender(urlOf(app.getHttpServer())), () => seen);
  });

  it('without rawBody, gives NestJS advice', async () => {
    const { options, seen } = recorded();
    const app = await NestFactory.create(NotificationModule.register(options), { logger: false });
    await app.listen(0, '127.0.0.1');
    closers.push(() => app.close());
    await expectAdvice(urlOf(app.getHttpServer()), 'nestjs');
    expect(seen).toHaveLength(0);
  });
});

describe('Koa: ctx.req and ctx.res to the Express adapter, before any body parser', () => {
  it('receives notifications', async () => {
    const { options, seen } = recorded();
    const server = await listening(createKoaApp(options).listen(0, '127.0.0.1'));
    closers.push(() => closeServer(server));
    await receivesNotificationsCorrectly(httpSender(urlOf(server)), () => seen);
  });

  it('behind a body parser that read the stream, gives Koa advice', async () => {
    const { options } = recorded();
    const app = new Koa();
    // What koa-bodyparser does first: read the whole request stream.
    app.use(async (ctx, next) => {
      for await (const _chunk of ctx.req) {
        // drained
      }
      await next();
    });
    app.use(notificationMiddleware(options));
    const server = await listening(app.listen(0, '127.0.0.1'));
    closers.push(() => closeServer(server));
    await expectAdvice(urlOf(server), 'koa');
  });
});
