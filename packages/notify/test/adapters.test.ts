import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type express from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as expressAdapter from '../src/express.js';
import { createNotificationHandler } from '../src/fetch.js';
import type { DeliveryFailure, Notification, NotificationHandlerOptions } from '../src/index.js';
import { buildNotification } from '../src/testing.js';
import { adapters, expressVersions, post, type RunningServer, startExpress } from './helpers/servers.js';
import { caseName, cases, notificationVectors } from './helpers/vectors.js';

const salt = notificationVectors.salt;
let running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.map((server) => server.close()));
  running = [];
});

/** Options that record what the handler saw and every failure reported. */
function recording(overrides: Partial<NotificationHandlerOptions> = {}) {
  const seen: Notification[] = [];
  const failures: DeliveryFailure[] = [];
  const options: NotificationHandlerOptions = {
    salt,
    onNotification: (notification) => {
      seen.push(notification);
    },
    onError: (failure) => failures.push(failure),
    ...overrides,
  };
  return { options, seen, failures };
}

/** Sends a body with chunked transfer encoding (no Content-Length), so the size limit must stop the stream. */
function postChunked(url: string, chunks: string[], contentType: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': contentType } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

for (const adapter of adapters) {
  describe(`${adapter.name} adapter over HTTP on 127.0.0.1`, () => {
    const start = async (options: NotificationHandlerOptions) => {
      const server = await adapter.start(options);
      running.push(server);
      return server.url;
    };

    it('answers every vectors.json case as marked; the refund ack equals the vector', async () => {
      const { options, seen } = recording();
      const url = await start(options);
      for (const [index, c] of cases.entries()) {
        const { status, json } = await post(url, c.body, c.content_type);
        if (c.valid) {
          expect([status, json], caseName(c, index)).toEqual([200, c.ack ?? { notify_result: 'OK' }]);
        } else {
          expect(status, caseName(c, index)).toBe(400);
          expect(json).toMatchObject({ notify_result: 'FAIL', code: 'SIGNATURE_INVALID' });
        }
      }
      // The two valid payment cases are one notification in two encodings: processed once.
      expect(seen.map((n) => n.kind)).toEqual([
        'payment_result',
        'order_status_change',
        'refund_result',
        'remittance_voucher',
      ]);
    });

    it('delivers a duplicate to the handler once, and answers OK each time', async () => {
      const { options, seen } = recording();
      const url = await start(options);
      const built = buildNotification({ salt, kind: 'refund_result', encoding: 'multipart' });
      for (let i = 0; i < 3; i++) {
        const { status, json } = await post(url, built.body, built.contentType);
        expect(status).toBe(200);
        expect(json).toMatchObject({ notify_result: 'OK', order_id: 'ET2026112800000001' });
      }
      expect(seen).toHaveLength(1);
    });

    it('runs the handler once when duplicates arrive at the same time', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const { options, seen } = recording({
        onNotification: async (n) => {
          seen.push(n);
          await gate;
        },
      });
      const url = await start(options);
      const built = buildNotification({ salt });
      const first = post(url, built.body, built.contentType);
      await vi.waitFor(() => expect(seen).toHaveLength(1));
      const second = await post(url, built.body, built.contentType);
      expect(second.status).toBe(409);
      expect(second.json).toMatchObject({ notify_result: 'FAIL', code: 'IN_PROGRESS' });
      release();
      expect((await first).status).toBe(200);
      expect((await post(url, built.body, built.contentType)).status).toBe(200);
      expect(seen).toHaveLength(1);
    });

    it('gives a notification whose handler threw to the next delivery, which then succeeds once', async () => {
      let calls = 0;
      const { options, failures } = recording({
        onNotification: () => {
          calls++;
          if (calls === 1) throw new Error('database down');
        },
      });
      const url = await start(options);
      const built = buildNotification({ salt, kind: 'order_status_change', encoding: 'json' });
      const failed = await post(url, built.body, built.contentType);
      expect(failed.status).toBe(500);
      expect(failed.json).toMatchObject({ notify_result: 'FAIL', code: 'HANDLER_FAILED' });
      expect(JSON.stringify(failed.json)).not.toContain('database down');
      expect(failures.map((f) => f.code)).toEqual(['HANDLER_FAILED']);
      expect((await post(url, built.body, built.contentType)).json).toEqual({ notify_result: 'OK' });
      expect((await post(url, built.body, built.contentType)).json).toEqual({ notify_result: 'OK' });
      expect(calls).toBe(2);
    });

    it('answers refusals with a status and a code, without calling the handler', async () => {
      const { options, seen, failures } = recording({ maxBodyBytes: 2048 });
      const url = await start(options);
      const missing = buildNotification({ salt, tamper: 'missing-sign' });
      const reformatted = buildNotification({ salt, encoding: 'json', jsonNumbers: true, tamper: 'reformat-amount' });
      const expectations: Array<[string, string | undefined, number, string]> = [
        [missing.body, missing.contentType, 400, 'SIGN_MISSING'],
        [reformatted.body, reformatted.contentType, 400, 'SIGNATURE_INVALID'],
        ['{"order_id":', 'application/json', 400, 'MALFORMED'],
        ['a=1', 'text/plain', 415, 'UNSUPPORTED_CONTENT_TYPE'],
        ['a=1', 'application/x-www-form-urlencoded; charset=gbk', 415, 'UNSUPPORTED_CONTENT_TYPE'],
        [`a=${'x'.repeat(4096)}`, 'application/x-www-form-urlencoded', 413, 'BODY_TOO_LARGE'],
      ];
      for (const [body, contentType, status, code] of expectations) {
        const answer = await post(url, body, contentType);
        expect([answer.status, answer.json['code']]).toEqual([status, code]);
        expect(answer.json['notify_result']).toBe('FAIL');
      }
      expect(seen).toHaveLength(0);
      expect(failures.map((f) => f.code)).toEqual(expectations.map((e) => e[3]));
      for (const failure of failures) expect(`${failure.message}`).not.toContain(salt);
    });

    // The MD5 covers the body's own bytes: a compressed body is refused as documented (415), not misread.
    it('refuses a body with a Content-Encoding (415) without calling the handler', async () => {
      const { options, seen, failures } = recording();
      const url = await start(options);
      const built = buildNotification({ salt, encoding: 'json' });
      const response = await fetch(url, {
        method: 'POST',
        body: gzipSync(built.body),
        headers: { 'content-type': built.contentType, 'content-encoding': 'gzip' },
      });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ notify_result: 'FAIL', code: 'UNSUPPORTED_CONTENT_TYPE' });
      expect(seen).toHaveLength(0);
      expect(failures.map((f) => f.code)).toEqual(['UNSUPPORTED_CONTENT_TYPE']);
      // `identity` is no encoding at all.
      const plain = await fetch(url, {
        method: 'POST',
        body: built.body,
        headers: { 'content-type': built.contentType, 'content-encoding': 'identity' },
      });
      expect(plain.status).toBe(200);
    });

    it('stops reading a chunked body past maxBodyBytes (413)', async () => {
      const { options } = recording({ maxBodyBytes: 1024 });
      const url = await start(options);
      const chunks = Array.from({ length: 8 }, () => 'a'.repeat(512));
      const answer = await postChunked(url, chunks, 'application/x-www-form-urlencoded');
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'BODY_TOO_LARGE' });
    });

    it('refuses other methods with 405', async () => {
      const { options } = recording();
      const url = await start(options);
      const response = await fetch(url, { method: 'PUT', body: 'a=1' });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    });
  });
}

describe('the Express majors under test', () => {
  it('are 4 and 5, as the peer range ^4.17.0 || ^5.0.0 allows', () => {
    const require = createRequire(import.meta.url);
    const major = (name: string) => (require(`${name}/package.json`) as { version: string }).version.split('.')[0];
    expect([major('express4'), major('express')]).toEqual(['4', '5']);
    const { peerDependencies } = require('../package.json') as { peerDependencies: Record<string, string> };
    expect(peerDependencies['express']).toBe('^4.17.0 || ^5.0.0');
  });
});

describe('the Express adapter under its former name', () => {
  it('notificationRoute (deprecated) still serves notifications: it is createNotificationHandler', async () => {
    expect(expressAdapter.notificationRoute).toBe(expressAdapter.createNotificationHandler);
    const { options, seen } = recording();
    const { express } = expressVersions[1];
    const app = express();
    app.post('/et/notify', expressAdapter.notificationRoute(options));
    const { createServer } = await import('node:http');
    const server = createServer(app);
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    try {
      const { port } = server.address() as import('node:net').AddressInfo;
      const valid = cases.find((c) => c.valid)!;
      const answer = await post(`http://127.0.0.1:${port}/et/notify`, valid.body, valid.content_type);
      expect(answer.json).toEqual({ notify_result: 'OK' });
      expect(seen).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
    }
  });
});

for (const { name, express } of expressVersions) {
  describe(`${name}: a body parser in front of the route`, () => {
    const startWith = async (before: express.RequestHandler[]) => {
      const { options, seen, failures } = recording();
      const server = await startExpress(options, before, express);
      running.push(server);
      return { url: server.url, seen, failures };
    };
    const jsonCase = cases.find((c) => c.content_type === 'application/json' && c.valid)!;
    const formCase = cases.find((c) => c.content_type.startsWith('application/x-www') && c.valid)!;

    it('diagnoses express.json() with BODY_NOT_RAW and how to fix it', async () => {
      const { url, seen, failures } = await startWith([express.json()]);
      const answer = await post(url, jsonCase.body, jsonCase.content_type);
      expect(answer.status).toBe(500);
      expect(answer.json).toMatchObject({ notify_result: 'FAIL', code: 'BODY_NOT_RAW' });
      expect(answer.json['message']).toMatch(/before express\.json\(\)/);
      expect(seen).toHaveLength(0);
      expect(failures.map((f) => f.code)).toEqual(['BODY_NOT_RAW']);
      // A form body passes express.json() untouched and is still read raw.
      expect((await post(url, formCase.body, formCase.content_type)).status).toBe(200);
    });

    it('diagnoses express.urlencoded() with BODY_NOT_RAW', async () => {
      const { url } = await startWith([express.urlencoded({ extended: false })]);
      expect((await post(url, formCase.body, formCase.content_type)).json).toMatchObject({ code: 'BODY_NOT_RAW' });
    });

    it("works behind express.raw({ type: '*/*' })", async () => {
      const { url, seen } = await startWith([express.raw({ type: '*/*' })]);
      expect((await post(url, jsonCase.body, jsonCase.content_type)).json).toEqual({ notify_result: 'OK' });
      expect(seen).toHaveLength(1);
    });

    it('accepts a gzip body that express.raw() has already inflated', async () => {
      const { url, seen } = await startWith([express.raw({ type: '*/*' })]);
      const response = await fetch(url, {
        method: 'POST',
        body: gzipSync(jsonCase.body),
        headers: { 'content-type': jsonCase.content_type, 'content-encoding': 'gzip' },
      });
      expect(await response.json()).toEqual({ notify_result: 'OK' });
      expect(seen).toHaveLength(1);
    });

    it("reads the stream when a parser left Express 4's empty placeholder body", async () => {
      const placeholder: express.RequestHandler = (req, _res, next) => {
        req.body = {};
        next();
      };
      const { url, seen } = await startWith([placeholder]);
      expect((await post(url, formCase.body, formCase.content_type)).json).toEqual({ notify_result: 'OK' });
      expect(seen).toHaveLength(1);
    });

    it('diagnoses a stream some other middleware already drained', async () => {
      const drain: express.RequestHandler = (req, _res, next) => {
        req.resume();
        req.on('end', () => next());
      };
      const { url } = await startWith([drain]);
      expect((await post(url, formCase.body, formCase.content_type)).json).toMatchObject({ code: 'BODY_NOT_RAW' });
    });
  });
}

describe('fetch handler without HTTP', () => {
  it('diagnoses a Request whose body was already read', async () => {
    const failures: DeliveryFailure[] = [];
    const handle = createNotificationHandler({ salt, onNotification: () => {}, onError: (f) => failures.push(f) });
    const request = new Request('http://localhost/et/notify', { method: 'POST', body: cases[0]!.body });
    await request.text();
    const response = await handle(request);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ code: 'BODY_NOT_RAW' });
  });

  it("gives advice about the Request, not Express's body parsers", async () => {
    const handle = createNotificationHandler({ salt, onNotification: () => {}, onError: () => {} });
    const request = new Request('http://localhost/et/notify', { method: 'POST', body: cases[0]!.body });
    await request.text();
    const { message } = (await (await handle(request)).json()) as { message: string };
    expect(message).toContain('bodyUsed');
    expect(message).toContain('c.req.raw');
    expect(message).not.toMatch(/express/i);
  });

  it('logs one safe line by default: no salt, no field values', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const handle = createNotificationHandler({
        salt,
        onNotification: () => {
          throw new Error('merchant bug');
        },
      });
      const bad = buildNotification({ salt, tamper: 'bad-sign' });
      const good = buildNotification({ salt, fields: { pay_amount: '98765.43' } });
      for (const built of [bad, good]) {
        await handle(
          new Request('http://localhost/', {
            method: 'POST',
            body: built.body,
            headers: { 'content-type': built.contentType },
          }),
        );
      }
      const logged = [...warn.mock.calls, ...error.mock.calls].map((args) => String(args[0])).join('\n');
      expect(logged).toContain('SIGNATURE_INVALID');
      expect(logged).toContain('HANDLER_FAILED');
      expect(logged).not.toContain(salt);
      expect(logged).not.toContain('98765.43');
      expect(logged).not.toContain(bad.fields['sign']!);
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });

  it('refuses options without onNotification or salt at creation time', () => {
    expect(() => createNotificationHandler({ salt } as NotificationHandlerOptions)).toThrow(TypeError);
    expect(() => createNotificationHandler({ onNotification: () => {} })).toThrow(TypeError);
  });
});
