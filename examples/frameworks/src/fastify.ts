import { createRawBodyHandler, type NotificationHandlerOptions } from '@etkit/notify';
import Fastify, { type FastifyInstance } from 'fastify';

export function createFastifyApp(notifications: NotificationHandlerOptions): FastifyInstance {
  const app = Fastify();
  const handle = createRawBodyHandler({ ...notifications, framework: 'fastify' });

  // Its own plugin scope, so the parser below applies to this route only: the rest of the app parses JSON as usual.
  app.register(async (scope) => {
    // Keep the bytes: the signature covers the exact wire text, which a JSON or form parser would lose.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.post('/et/notify', async (request, reply) => {
      const answer = await handle({ method: request.method, headers: request.headers, body: request.body });
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    });
  });
  return app;
}
