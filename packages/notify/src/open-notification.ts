import { type NotificationRule, type ProtocolProfile, resolveProfile } from '@etkit/crypto';
import { OK_ACKNOWLEDGEMENT, signedAcknowledgement } from './acknowledgement.js';
import { DEFAULT_MAX_BODY_BYTES, parseBodyFast, type RawBody } from './body/parse-body.js';
import { quoteName, type WireFields } from './body/wire-fields.js';
import type { KeptBody } from './errors.js';
import { NotificationError } from './errors.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import type { Notification, NotificationBase } from './notification-types.js';
import { classifySingleReading } from './reading/single-reading.js';
import { type ConfiguredSalt, resolveSalts, type SaltOptions } from './salts.js';
import { verifyWireFields } from './verify.js';

export interface VerifierOptions extends SaltOptions {
  /** Largest body accepted, in bytes. Default 8 KiB (DEFAULT_MAX_BODY_BYTES); ET's notifications are under 2 KiB. */
  maxBodyBytes?: number;
  /**
   * Protocol profile; notify reads `notificationRule` ('v2' sorted, the default; 'v1' legacy unsorted) and
   * `notificationNullMembers` ('omit', the default; 'empty'; 'null-text') for JSON bodies.
   */
  profile?: Partial<ProtocolProfile>;
}

/** A raw notification as it came off the wire. */
export interface RawNotification {
  /** The body's bytes or text, untouched. A parsed object is refused with BODY_NOT_RAW. */
  body: RawBody;
  /** The Content-Type header; when absent the body is sniffed (`{` → JSON, else form-urlencoded). */
  contentType?: string | null;
}

/** Options checked once, up front; reuse one verifier for every request. */
export interface NotificationVerifier {
  /** Parse, verify, classify. Throws NotificationError for any bad input, and nothing else. */
  open(raw: RawNotification): Promise<Notification>;
  /** Verify and classify fields already read from a body (wire text, `sign` included). */
  openFields(fields: WireFields): Notification;
}

export function createNotificationVerifier(options: VerifierOptions): NotificationVerifier {
  const salts = resolveSalts(options);
  const { notificationRule: rule, notificationNullMembers: nullMembers } = resolveProfile(options.profile);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new TypeError('@etkit/notify: maxBodyBytes must be a positive integer');
  }
  return {
    openFields(fields) {
      assertWireFields(fields);
      return buildNotification(fields, salts, rule);
    },
    open(raw) {
      try {
        const fields = parseBodyFast(raw?.body, raw?.contentType, maxBodyBytes, nullMembers);
        return Promise.resolve(buildNotification(fields, salts, rule, () => keptBodyOf(raw)));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

/** One-off form of `createNotificationVerifier(options).open(raw)`. */
export function openNotification(raw: RawNotification, options: VerifierOptions): Promise<Notification> {
  return createNotificationVerifier(options).open(raw);
}

function buildNotification(
  fields: WireFields,
  salts: readonly ConfiguredSalt[],
  rule: NotificationRule,
  keepBody?: () => KeptBody,
): Notification {
  const match = verifyWireFields(fields, salts, rule);
  // Verify first: only a signed string earns the (bounded) walk over its readings.
  const classified = classifySingleReading(fields, rule, keepBody);
  // Added in place, no spread or freeze: this runs once per request and the types are readonly already.
  const base: NotificationBase = {
    raw: fields,
    idempotencyKey: idempotencyKeyOf(classified.kind, fields),
    verification: { saltIndex: match.index, saltId: match.id, rule },
    acknowledgement:
      classified.kind === 'refund_result'
        ? signedAcknowledgement(classified.orderId, match.salt, { rule })
        : OK_ACKNOWLEDGEMENT,
  };
  const notification = Object.assign(classified, base) as Notification;
  return notification;
}

/** Fields handed to openFields by a caller: an object of wire-text strings (a parsed JSON body has lost that). */
function assertWireFields(fields: unknown): asserts fields is WireFields {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw new NotificationError('MALFORMED', 'openFields needs an object of fields');
  }
  for (const name of Object.keys(fields)) {
    if (typeof (fields as Record<string, unknown>)[name] !== 'string') {
      throw new NotificationError(
        'MALFORMED',
        `The field ${quoteName(name)} is not text: pass each field's wire text (or the raw body to open())`,
      );
    }
  }
}

/** The raw body as text, for a refused notification kept for a person. */
function keptBodyOf(raw: RawNotification): KeptBody {
  const { body, contentType } = raw;
  const text =
    typeof body === 'string'
      ? body
      : body instanceof Uint8Array || body instanceof ArrayBuffer
        ? new TextDecoder().decode(body)
        : undefined;
  return { body: text, contentType: contentType ?? null };
}
