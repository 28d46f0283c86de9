import type { IncomingMessage, ServerResponse } from 'node:http';

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The site listens before its app exists (with PORT=0 the notification URL depends on the port it gets), so a
 * request can arrive in between — after a restart ET resends at once. Such requests wait here and are handed to
 * the app when it is ready, instead of hanging unanswered until the sender gives up; if the site fails to start
 * they are answered 503 so the sender retries elsewhere or later.
 */
export function createRequestGate() {
  let handler: RequestHandler | undefined;
  let failed = false;
  const waiting: Array<[IncomingMessage, ServerResponse]> = [];

  const refuse = (res: ServerResponse) => {
    res.statusCode = 503;
    res.setHeader('Retry-After', '1');
    res.end();
  };

  return {
    /** Give this to the server before it listens. */
    handle(req: IncomingMessage, res: ServerResponse) {
      if (handler !== undefined) handler(req, res);
      else if (failed) refuse(res);
      else waiting.push([req, res]);
    },
    /** The app is ready: it answers every waiting request, in arrival order, and all later ones. */
    open(app: RequestHandler) {
      handler = app;
      for (const [req, res] of waiting.splice(0)) app(req, res);
    },
    /** The site will not start: waiting and later requests get 503. */
    fail() {
      failed = true;
      for (const [, res] of waiting.splice(0)) refuse(res);
    },
  };
}
