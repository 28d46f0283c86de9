/**
 * @etkit/notify/express: an Express 4 or 5 route handler (it also works on a bare node:http server). It uses only
 * node:http's request and response, so it needs nothing of Express's own API.
 * @packageDocumentation
 */
import type { ServerResponse } from 'node:http';
import { bodyNotRawAdvice, frameworkOption } from './body-not-raw-advice.js';
import { createDeliveryProcessor, type NotificationHandlerOptions } from './delivery.js';
import { keptRawBody, type RequestWithBody, readNodeRequestBody } from './express/read-raw-body.js';

export type { NotificationFramework } from './body-not-raw-advice.js';
export type {
  DeliveryFailure,
  DeliveryFailureCode,
  NotificationHandlerOptions,
} from './delivery.js';
export type { RequestWithBody } from './express/read-raw-body.js';

/**
 * A route handler for ET's notifications. It reads the raw body from the request stream itself (do not put
 * express.json() in front of it), verifies, classifies, deduplicates through the inbox, calls
 * `onNotification`, and answers `{"notify_result":"OK"}` (signed for refund results) only after your
 * handler succeeded. A handler that throws gets HTTP 500 and a non-OK body, so ET resends.
 *
 * @example
 * app.post('/et/notify', createNotificationHandler({ salt: process.env.ET_SALT!, onNotification: async (n) => { ... } }));
 */
export function createNotificationHandler(
  options: NotificationHandlerOptions,
): (req: RequestWithBody, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void> {
  const processDelivery = createDeliveryProcessor(options);
  const advice = bodyNotRawAdvice(frameworkOption(options.framework, 'express'));
  return async (req, res, next) => {
    let answer: Awaited<ReturnType<typeof processDelivery>>;
    try {
      answer = await processDelivery({
        method: req.method ?? 'GET',
        contentType: req.headers['content-type'],
        // Bytes kept by express.raw() or NestJS were inflated by their parser; only a body we read ourselves is encoded.
        contentEncoding: keptRawBody(req) === undefined ? req.headers['content-encoding'] : undefined,
        readBody: (maxBodyBytes) => readNodeRequestBody(req, maxBodyBytes, advice),
      });
    } catch (error) {
      if (next !== undefined) return next(error);
      throw error;
    }
    if (res.headersSent) return;
    res.statusCode = answer.status;
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    // After a refused oversized body, close rather than drain whatever the client still sends.
    if (answer.status === 413) res.setHeader('connection', 'close');
    res.end(answer.body);
  };
}

/**
 * The Express adapter's former name, kept so existing code keeps working.
 * @deprecated Use `createNotificationHandler` (the same name as the fetch adapter's, from `@etkit/notify/express`).
 */
export const notificationRoute = createNotificationHandler;
