/**
 * @etkit/notify/fetch: a Web-standard notification endpoint, `(request: Request) => Promise<Response>`, for
 * Cloudflare Workers, Deno, Bun and Node (any server that speaks Fetch `Request`/`Response`).
 * @packageDocumentation
 */
import { bodyNotRawAdvice, frameworkOption } from './body-not-raw-advice.js';
import { createDeliveryProcessor, type NotificationHandlerOptions } from './delivery.js';
import { readWebRequestBody } from './read-web-body.js';

export type { NotificationFramework } from './body-not-raw-advice.js';
export type {
  DeliveryFailure,
  DeliveryFailureCode,
  NotificationHandlerOptions,
} from './delivery.js';

/**
 * Builds the endpoint ET posts notifications to. It reads the raw body itself (with the size limit),
 * verifies, classifies, deduplicates through the inbox, runs `onNotification`, and answers
 * `{"notify_result":"OK"}` (a signed acknowledgement for refund results) only once your handler succeeded.
 *
 * @example
 * export default { fetch: createNotificationHandler({ salt: env.ET_SALT, onNotification: async (n) => { ... } }) };
 */
export function createNotificationHandler(
  options: NotificationHandlerOptions,
): (request: Request) => Promise<Response> {
  const processDelivery = createDeliveryProcessor(options);
  const advice = bodyNotRawAdvice(frameworkOption(options.framework, 'fetch'));
  return async (request) => {
    const answer = await processDelivery({
      method: request.method,
      contentType: request.headers.get('content-type'),
      contentEncoding: request.headers.get('content-encoding'),
      readBody: (maxBodyBytes) => readWebRequestBody(request, maxBodyBytes, advice),
    });
    // A Headers object of its own per Response: some servers write into the init object they are handed.
    return new Response(answer.body, { status: answer.status, headers: new Headers(answer.headers) });
  };
}
