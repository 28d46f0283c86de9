import type { IncomingMessage } from 'node:http';
import { NotificationError } from '../errors.js';

/**
 * An Express (or plain node:http) request; `body` is set only if a body parser ran before us, `rawBody` by NestJS
 * with `rawBody: true` (and by Google Cloud Functions): the bytes its JSON/urlencoded parser read.
 */
export type RequestWithBody = IncomingMessage & { body?: unknown; rawBody?: unknown };

/** The bytes a parser in front of us kept (express.raw()'s body, NestJS's rawBody), already inflated; or undefined. */
export function keptRawBody(req: RequestWithBody): Uint8Array | undefined {
  if (req.body instanceof Uint8Array) return req.body;
  if (req.rawBody instanceof Uint8Array) return req.rawBody;
  return undefined;
}

/**
 * The raw body of a Node request, read from the stream with a size limit. A Buffer left by express.raw() (or
 * NestJS's rawBody) is used as is. A body some other parser already consumed (express.json(), express.urlencoded()…) cannot be
 * recovered byte for byte: that is BODY_NOT_RAW, with a message that says how to mount the route.
 */
export function readNodeRequestBody(
  req: RequestWithBody,
  maxBodyBytes: number,
  bodyNotRawAdvice: string,
): Promise<Uint8Array> {
  const kept = keptRawBody(req);
  if (kept !== undefined) {
    if (kept.byteLength > maxBodyBytes) return Promise.reject(tooLarge(maxBodyBytes));
    return Promise.resolve(kept);
  }
  // Express 4's parsers leave `{}` on requests they skip; a stream still unread means nothing was parsed.
  if (req.body !== undefined && !isUntouchedPlaceholder(req)) {
    return Promise.reject(new NotificationError('BODY_NOT_RAW', bodyNotRawAdvice));
  }
  if (req.readableEnded || req.destroyed) {
    return Promise.reject(new NotificationError('BODY_NOT_RAW', bodyNotRawAdvice));
  }
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBodyBytes) return Promise.reject(tooLarge(maxBodyBytes));

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBodyBytes) {
        cleanup();
        // Stop buffering; the adapter answers 413 with `connection: close` and Node discards the rest.
        req.resume();
        reject(tooLarge(maxBodyBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onAborted = () => onError(new Error('The request was aborted while its body was being read'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

function isUntouchedPlaceholder(req: RequestWithBody): boolean {
  const body = req.body;
  return (
    typeof body === 'object' &&
    body !== null &&
    Object.getPrototypeOf(body) === Object.prototype &&
    Object.keys(body).length === 0 &&
    !req.readableEnded
  );
}

function tooLarge(maxBodyBytes: number): NotificationError {
  return new NotificationError('BODY_TOO_LARGE', `The notification body exceeds ${maxBodyBytes} bytes`);
}
