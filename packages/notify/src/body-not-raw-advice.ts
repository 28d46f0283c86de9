import { BODY_NOT_RAW_MESSAGE } from './errors.js';

/**
 * What BODY_NOT_RAW says to do depends on where the endpoint runs: "mount it before express.json()" means nothing
 * under Hono or NestJS. Each adapter has a default (Express's route: 'express', the fetch handler: 'fetch') and the
 * `framework` option names the one the merchant actually uses, so the message names that framework's own fix.
 */

/** The frameworks whose BODY_NOT_RAW advice is known; the `framework` option of every adapter takes one. */
export type NotificationFramework = 'express' | 'fetch' | 'fastify' | 'hono' | 'koa' | 'nestjs' | 'nextjs';

const LOST = 'so its exact wire text (which the signature covers) is lost.';

const ADVICE: Record<NotificationFramework, string> = {
  express:
    `The notification body was already parsed or read by another middleware, ${LOST} Mount the notification route ` +
    'before express.json()/express.urlencoded() (or any body parser), or give it express.raw({ type: "*/*" }): ' +
    'createNotificationHandler() reads the raw body itself.',
  fetch:
    `The Request's body was already read (request.bodyUsed), ${LOST} Hand the handler the Request before ` +
    'anything reads its body: do not call request.json(), request.formData() or request.text() first (with Hono, ' +
    'pass c.req.raw and do not call c.req.json() or c.req.parseBody() before it; clone the Request if you need to ' +
    'read it yourself).',
  fastify:
    `Fastify handed over a parsed body, not bytes, ${LOST} In the notification route's own plugin scope, call ` +
    "removeAllContentTypeParsers() and addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => " +
    'done(null, body)), then pass request.body (a Buffer) to the handler.',
  hono:
    `The Request's body was already read (request.bodyUsed), ${LOST} Pass c.req.raw to the handler and do not ` +
    'call c.req.json(), c.req.parseBody(), c.req.text() or a validator middleware (validator/zValidator on ' +
    "'json' or 'form') on the notification route before it.",
  koa:
    `A Koa body parser (koa-bodyparser, @koa/bodyparser, koa-body…) read the request stream first, ${LOST} Handle ` +
    'the notification path before the body parser (or exclude it there), set ctx.respond = false and hand the ' +
    'handler ctx.req and ctx.res: it reads the raw body itself.',
  nestjs:
    `NestJS parsed the body with its JSON/urlencoded parser and kept no raw copy, ${LOST} Create the app with ` +
    'NestFactory.create(AppModule, { rawBody: true }) so that req.rawBody holds the bytes, and hand the handler ' +
    '@Req() and @Res() from the controller method.',
  nextjs:
    `The Request's body was already read (request.bodyUsed), ${LOST} Export the handler as the route's POST (or ` +
    'call it with the Request first) and do not call request.json(), request.formData() or request.text() in the ' +
    'route or in middleware before it; clone the Request if you need to read it yourself.',
};

export const NOTIFICATION_FRAMEWORKS = Object.keys(ADVICE) as readonly NotificationFramework[];

/** The BODY_NOT_RAW message for an endpoint running in `framework`; when unknown, the advice for each usual one. */
export function bodyNotRawAdvice(framework: NotificationFramework | undefined): string {
  return framework === undefined ? BODY_NOT_RAW_MESSAGE : ADVICE[framework];
}

/** Checks the `framework` option once, when the handler is built, so a typo fails at start-up, not at delivery. */
export function frameworkOption<Fallback extends NotificationFramework | undefined>(
  framework: NotificationFramework | undefined,
  fallback: Fallback,
): NotificationFramework | Fallback {
  if (framework === undefined) return fallback;
  if (!Object.hasOwn(ADVICE, framework)) {
    throw new TypeError(`@etkit/notify: framework must be one of ${NOTIFICATION_FRAMEWORKS.join(', ')}`);
  }
  return framework;
}
