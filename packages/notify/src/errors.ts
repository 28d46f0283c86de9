import type { NotificationKind, WireFields } from './notification-types.js';

/**
 * Why a notification was refused. Every code maps to one HTTP status in the adapters (see `httpStatusOf`).
 * - SIGN_MISSING: no `sign` field, or an empty one.
 * - SIGNATURE_INVALID: `sign` present but matches none of the configured salts.
 * - BODY_NOT_RAW: the body was already parsed into an object (e.g. by express.json()); the wire text is lost.
 * - UNSUPPORTED_CONTENT_TYPE: not JSON, form-urlencoded or multipart; a charset other than UTF-8; a content encoding.
 * - BODY_TOO_LARGE: more bytes than `maxBodyBytes`.
 * - MALFORMED: the body does not parse, or a known kind lacks a field or carries one of the wrong shape.
 * - AMBIGUOUS: the signature verified, but its signed string reads as more than one notification (README,
 *   Security): the fields given may be a re-cut of another notification, so none of them is handed on.
 */
export type NotificationErrorCode =
  | 'SIGN_MISSING'
  | 'SIGNATURE_INVALID'
  | 'BODY_NOT_RAW'
  | 'UNSUPPORTED_CONTENT_TYPE'
  | 'BODY_TOO_LARGE'
  | 'MALFORMED'
  | 'AMBIGUOUS';

/**
 * A refused notification. The message is safe to log and to send back: it names fields and rules, never a
 * salt, a field value or personal data.
 */
export class NotificationError extends Error {
  readonly code: NotificationErrorCode;
  /**
   * Set on MALFORMED when the signature verified but the fields could not be read (a known kind missing a
   * field, say) and the signed string cuts into these fields only (no `&` in a value): the notification is ET's
   * own, so keep it. Not enumerable, so loggers that print an error's properties do not print the fields.
   */
  declare readonly verified?: VerifiedButUnreadable;
  /**
   * Set on AMBIGUOUS: the key resends of the same signed string share, and the raw body. Not the fields: they
   * are one of several cuts of what ET signed, perhaps not ET's. Not enumerable, like `verified`.
   */
  declare readonly ambiguous?: AmbiguousNotification;

  constructor(
    code: NotificationErrorCode,
    message: string,
    options?: { cause?: unknown; verified?: VerifiedButUnreadable; ambiguous?: AmbiguousNotification },
  ) {
    super(message, options);
    this.name = 'NotificationError';
    this.code = code;
    for (const key of ['verified', 'ambiguous'] as const) {
      if (options?.[key] !== undefined) Object.defineProperty(this, key, { value: options[key], enumerable: false });
    }
  }
}

/** The raw body of a refused notification, kept for a person to look at (absent when only fields were given). */
export interface KeptBody {
  /** The body as received, as text. */
  readonly body?: string;
  readonly contentType?: string | null;
}

/** A notification whose `sign` verified but whose fields etkit could not read into its kind's type. */
export interface VerifiedButUnreadable extends KeptBody {
  /** The kind its fields point to (PROTOCOL.md §8), whose rules they broke. */
  readonly kind: NotificationKind;
  /** The same key a readable notification with these fields would have: resends of it share it. */
  readonly idempotencyKey: string;
  /** Every field as received (wire text), `sign` included. */
  readonly fields: WireFields;
}

/** A notification whose `sign` verified but whose signed string reads as more than one notification. */
export interface AmbiguousNotification extends KeptBody {
  /** `ambiguous::` and the digest of the signed content: resends and every re-cut of that string share it. */
  readonly idempotencyKey: string;
}

export function isNotificationError(error: unknown): error is NotificationError {
  return error instanceof NotificationError;
}

/**
 * BODY_NOT_RAW where the caller handed over a parsed object (openNotification, parseNotificationBody): which framework
 * parsed it is unknown here, so the advice covers the usual ones, each by name.
 */
export const BODY_NOT_RAW_MESSAGE =
  'The notification body was already parsed into an object, so its exact wire text (which the signature covers) ' +
  'is lost. Pass the raw bytes or text instead. With Express: mount the route before express.json()/' +
  'express.urlencoded(), or give it express.raw({ type: "*/*" }), or use createNotificationHandler() from ' +
  '@etkit/notify/express. With a Web Request (fetch, Hono, Next.js route handlers): pass await request.text() ' +
  '(Hono: c.req.raw), not request.json(). Other frameworks: their raw-body option (see the @etkit/notify README).';
