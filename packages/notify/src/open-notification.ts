import { type ProtocolProfile, resolveProfile } from '@etkit/crypto';
import { OK_ACKNOWLEDGEMENT, signedAcknowledgement } from './acknowledgement.js';
import { DEFAULT_MAX_BODY_BYTES, parseBodyFast, type RawBody } from './body/parse-body.js';
import { quoteName, type WireFields } from './body/wire-fields.js';
import { classifyFields, kindOf } from './classify.js';
import { NotificationError } from './errors.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import type { Notification, NotificationBase } from './notification-types.js';
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
  const openFields = (fields: WireFields): Notification => buildNotification(fields, salts, rule);
  return {
    openFields(fields) {
      assertWireFields(fields);
      return openFields(fields);
    },
    open(raw) {
      try {
        const fields = parseBodyFast(raw?.body, raw?.contentType, maxBodyBytes, nullMembers);
        return fields instanceof Promise ? fields.then(openFields) : Promise.resolve(openFields(fields));
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

function buildNotification(fields: WireFields, salts: readonly ConfiguredSalt[], rule: 'v2' | 'v1'): Notification {
  const match = verifyWireFields(fields, salts, rule);
  const classified = classifyVerified(fields);
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

// The signature holds, so a refusal past this point refuses ET's own notification: the error carries its fields
// (not enumerable) so that a receiver can keep it instead of losing it after ET's last resend. Unless the split
// into fields is in doubt: the signature covers `name=value` joined by `&`, unescaped, so once a value holds `&`
// (or a name `&` or `=`) the same signature also fits other splits, a re-cut naming another order among them.
function classifyVerified(fields: WireFields): ReturnType<typeof classifyFields> {
  try {
    return classifyFields(fields);
  } catch (error) {
    if (!(error instanceof NotificationError) || error.code !== 'MALFORMED' || !hasUniqueSplit(fields)) throw error;
    const kind = kindOf(fields);
    const verified = { kind, idempotencyKey: idempotencyKeyOf(kind, fields), fields };
    throw new NotificationError('MALFORMED', error.message, { cause: error, verified });
  }
}

/** True when the signed `name=value&…` string can only be cut into these fields. */
function hasUniqueSplit(fields: WireFields): boolean {
  for (const name of Object.keys(fields)) {
    if (name === 'sign') continue;
    if (name.includes('&') || name.includes('=') || fields[name]!.includes('&')) return false;
  }
  return true;
}
