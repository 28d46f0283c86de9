import type { RawBody } from './body/parse-body.js';
import { bodyNotRawAdvice, frameworkOption } from './body-not-raw-advice.js';
import { createDeliveryProcessor, type DeliveryAnswer, type NotificationHandlerOptions } from './delivery.js';
import { NotificationError } from './errors.js';

/** A request whose body the framework has already read into bytes (Fastify's buffer parser, say). */
export interface RawBodyRequest {
  readonly method: string;
  /** The request headers as Node-style frameworks give them (names in lower case). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The body's bytes (or text) as received. Anything else, such as a parsed object, is refused with BODY_NOT_RAW. */
  readonly body: unknown;
}

/**
 * The shared flow for frameworks that hand over the body already read: give it the method, the headers and the
 * raw bytes, write the answer's status, headers and body back with the framework's own reply API. Everything else
 * (size limit, verification, inbox, acknowledgement) is the same as in the Express and fetch adapters.
 *
 * @example
 * const answer = await handle({ method: request.method, headers: request.headers, body: request.body });
 * reply.code(answer.status).headers(answer.headers).send(answer.body);
 */
export function createRawBodyHandler(
  options: NotificationHandlerOptions,
): (request: RawBodyRequest) => Promise<DeliveryAnswer> {
  const processDelivery = createDeliveryProcessor(options);
  const advice = bodyNotRawAdvice(frameworkOption(options.framework, undefined));
  return (request) =>
    processDelivery({
      method: request.method,
      contentType: headerOf(request.headers, 'content-type'),
      contentEncoding: headerOf(request.headers, 'content-encoding'),
      readBody: async (maxBodyBytes) => keptBody(request.body, maxBodyBytes, advice),
    });
}

function keptBody(body: unknown, maxBodyBytes: number, advice: string): RawBody {
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) throw new NotificationError('BODY_NOT_RAW', advice);
  const size = typeof body === 'string' ? new TextEncoder().encode(body).byteLength : body.byteLength;
  if (size > maxBodyBytes) {
    throw new NotificationError('BODY_TOO_LARGE', `The notification body exceeds ${maxBodyBytes} bytes`);
  }
  return body;
}

/** One header's value; a repeated one (which Content-Type never legitimately is) is joined as Node would print it. */
function headerOf(headers: RawBodyRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' || value === undefined ? value : value.join(', ');
}
