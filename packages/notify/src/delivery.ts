/**
 * The one flow every adapter runs, so Express, fetch and whatever comes next cannot drift apart:
 *
 *   method → read body (size limit) → parse → verify → classify → inbox claim → handler → complete → OK
 *
 * ET resends anything but an OK answer (PROTOCOL.md §8), so OK is sent only after the merchant's handler
 * succeeded; a failure releases the claim and answers non-OK, and the next delivery runs the handler again.
 */
import { DEFAULT_MAX_BODY_BYTES, type RawBody } from './body/parse-body.js';
import type { WireFields } from './body/wire-fields.js';
import type { NotificationFramework } from './body-not-raw-advice.js';
import { isNotificationError, type NotificationError, type NotificationErrorCode } from './errors.js';
import { createMemoryInbox, type Inbox } from './inbox.js';
import type { Notification, NotificationKind } from './notification-types.js';
import { createNotificationVerifier, type VerifierOptions } from './open-notification.js';

export interface NotificationHandlerOptions extends VerifierOptions {
  /** Your code: called once per notification with the verified, classified notification. Throw to refuse it. */
  onNotification: (notification: Notification) => unknown;
  /**
   * Deduplicates deliveries. Default: an in-memory inbox (one process, forgotten on restart); give a durable
   * one when you run several processes or need dedupe across restarts.
   */
  inbox?: Inbox;
  /**
   * Told about every delivery that is not answered OK. Default: one safe line on the console. A returned promise
   * is awaited before the answer (bounded by your own code): time to store `verifiedFields`, say.
   */
  onError?: (failure: DeliveryFailure) => unknown;
  /**
   * The framework the endpoint runs in, so that a `BODY_NOT_RAW` refusal (the body was parsed before the handler got
   * it) says how to fix it there: `'nestjs'` advises `rawBody: true`, `'hono'` advises `c.req.raw`, and so on.
   * Default: `'express'` for the Express route, `'fetch'` for the fetch handler; the raw-body handler's default
   * names the fix for each usual framework.
   */
  framework?: NotificationFramework;
}

/** Why a delivery was not answered OK. */
export type DeliveryFailureCode =
  | NotificationErrorCode
  | 'METHOD_NOT_ALLOWED'
  | 'IN_PROGRESS'
  | 'HANDLER_FAILED'
  | 'INBOX_FAILED';

export interface DeliveryFailure {
  readonly code: DeliveryFailureCode;
  /** Safe to log: no salt, no field values. */
  readonly message: string;
  /** The underlying error: a NotificationError, or what your handler or inbox threw. */
  readonly error?: unknown;
  readonly kind?: NotificationKind;
  readonly idempotencyKey?: string;
  /**
   * MALFORMED only: the fields of a notification whose signature verified but whose fields could not be read
   * (a known kind missing a field, say). It is ET's own notification: store it for a person to look at, or it
   * is gone after ET's last resend. Never printed by the default reporter.
   */
  readonly verifiedFields?: WireFields;
  /**
   * MALFORMED with `verifiedFields`, and AMBIGUOUS: the raw body as received (text) and its Content-Type. An
   * AMBIGUOUS notification's signature verified but its signed string reads as more than one notification (a
   * re-cut, or ET's own with free text that looks like fields): keep the body for a person, never act on it.
   * Its `idempotencyKey` is `ambiguous::…`, shared by resends and re-cuts. Never printed by the default reporter.
   */
  readonly rawBody?: string;
  readonly contentType?: string | null;
}

/** An incoming HTTP request, as much of it as the flow needs. */
export interface Delivery {
  readonly method: string;
  readonly contentType: string | null | undefined;
  /** The Content-Encoding header, if any: the signature covers the body's own bytes, so only `identity` is read. */
  readonly contentEncoding?: string | null | undefined;
  /** Reads the raw body, throwing NotificationError BODY_TOO_LARGE past `maxBodyBytes` or BODY_NOT_RAW. */
  readBody(maxBodyBytes: number): Promise<RawBody>;
}

/** The HTTP answer the adapter writes. */
export interface DeliveryAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const STATUS_BY_CODE: Record<DeliveryFailureCode, number> = {
  SIGN_MISSING: 400,
  SIGNATURE_INVALID: 400,
  MALFORMED: 400,
  AMBIGUOUS: 400,
  UNSUPPORTED_CONTENT_TYPE: 415,
  BODY_TOO_LARGE: 413,
  BODY_NOT_RAW: 500, // our own server is misconfigured, not ET
  METHOD_NOT_ALLOWED: 405,
  IN_PROGRESS: 409,
  HANDLER_FAILED: 500,
  INBOX_FAILED: 500,
};

/** The HTTP status an adapter answers a refused delivery with. */
export function httpStatusOf(code: DeliveryFailureCode): number {
  return STATUS_BY_CODE[code];
}

const JSON_HEADERS = Object.freeze({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });

/**
 * A fresh headers object for each answer: servers may write into the object they are given (@hono/node-server 1.x
 * adds Content-Length to it), and a shared one then carried the first answer's length into every later answer,
 * cutting longer bodies short.
 */
function jsonHeaders(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { ...JSON_HEADERS, ...extra };
}

export function createDeliveryProcessor(
  options: NotificationHandlerOptions,
): (delivery: Delivery) => Promise<DeliveryAnswer> {
  if (typeof options?.onNotification !== 'function') {
    throw new TypeError('@etkit/notify: onNotification must be a function');
  }
  const verifier = createNotificationVerifier(options);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const inbox = options.inbox ?? createMemoryInbox();
  const { onNotification } = options;

  const report = async (failure: DeliveryFailure): Promise<void> => {
    try {
      await (options.onError ?? reportToConsole)(failure);
    } catch {
      // A broken reporter must not turn a clean answer into a crash.
    }
  };
  const refuse = async (
    failure: DeliveryFailure,
    extraHeaders: Record<string, string> = {},
  ): Promise<DeliveryAnswer> => {
    await report(failure);
    const body = JSON.stringify({ notify_result: 'FAIL', code: failure.code, message: failure.message });
    return { status: httpStatusOf(failure.code), headers: jsonHeaders(extraHeaders), body };
  };

  return async (delivery) => {
    if (delivery.method.toUpperCase() !== 'POST') {
      return refuse({ code: 'METHOD_NOT_ALLOWED', message: 'ET delivers notifications with POST' }, { allow: 'POST' });
    }

    if (!isIdentityEncoding(delivery.contentEncoding)) {
      const message = 'Notification bodies must not be compressed or otherwise content-encoded';
      return refuse({ code: 'UNSUPPORTED_CONTENT_TYPE', message });
    }

    let notification: Notification;
    try {
      const body = await delivery.readBody(maxBodyBytes);
      notification = await verifier.open({ body, contentType: delivery.contentType });
    } catch (error) {
      if (isNotificationError(error)) {
        return refuse({ code: error.code, message: error.message, error, ...keptContextOf(error) });
      }
      throw error; // a bug, not bad input: let the framework's error handling see it
    }
    const { kind, idempotencyKey } = notification;
    const context = { kind, idempotencyKey };

    let claim: Awaited<ReturnType<Inbox['claim']>>;
    try {
      claim = await inbox.claim(idempotencyKey);
    } catch (error) {
      return refuse({ code: 'INBOX_FAILED', message: 'The inbox could not claim the notification', error, ...context });
    }
    if (claim === 'in-progress') {
      const message = 'This notification is being processed by another delivery; ET will resend it';
      return refuse({ code: 'IN_PROGRESS', message, ...context }, { 'retry-after': '60' });
    }
    if (claim === 'claimed') {
      try {
        await onNotification(notification);
      } catch (error) {
        try {
          await inbox.release(idempotencyKey);
        } catch (releaseError) {
          await report({
            code: 'INBOX_FAILED',
            message: 'The inbox could not release a failed claim',
            error: releaseError,
            ...context,
          });
        }
        return refuse({
          code: 'HANDLER_FAILED',
          message: 'The notification handler failed; ET will resend',
          error,
          ...context,
        });
      }
      try {
        await inbox.complete(idempotencyKey);
      } catch (error) {
        // The work is done: still answer OK, or ET would resend something already processed.
        await report({
          code: 'INBOX_FAILED',
          message: 'The inbox could not record a processed notification',
          error,
          ...context,
        });
      }
    }
    return { status: 200, headers: jsonHeaders(), body: JSON.stringify(notification.acknowledgement) };
  };
}

/** What a refusal keeps for a person: a verified-but-unreadable notification's fields, an ambiguous one's key. */
function keptContextOf(error: NotificationError): Partial<DeliveryFailure> {
  const { verified, ambiguous } = error;
  if (verified) {
    const { kind, idempotencyKey, fields, body, contentType } = verified;
    return { kind, idempotencyKey, verifiedFields: fields, rawBody: body, contentType };
  }
  if (ambiguous) {
    const { idempotencyKey, body, contentType } = ambiguous;
    return { idempotencyKey, rawBody: body, contentType };
  }
  return {};
}

function isIdentityEncoding(header: string | null | undefined): boolean {
  return header === undefined || header === null || /^\s*(identity)?\s*$/i.test(header);
}

/** Default reporter: the code, a safe message, the kind and key; your handler's own error for HANDLER_FAILED. */
function reportToConsole(failure: DeliveryFailure): void {
  const where = failure.idempotencyKey === undefined ? '' : ` (${failure.idempotencyKey})`;
  const line = `[@etkit/notify] ${failure.code}: ${failure.message}${where}`;
  if (failure.code === 'HANDLER_FAILED' || failure.code === 'INBOX_FAILED') console.error(line, failure.error);
  else console.warn(line);
}
