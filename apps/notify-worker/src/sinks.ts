import type { DeliveryFailure, Notification } from '@etkit/notify';

/** Where verified notifications go. */
export interface Sink {
  /** A verified notification. Throwing makes the worker answer non-OK, so ET resends. */
  notification(notification: Notification): Promise<void>;
  /**
   * A notification ET signed that @etkit/notify could not read (a known kind missing a field, say). It is
   * refused either way, so ET resends it; this keeps it from being lost after ET's last resend.
   */
  unreadable(unreadable: UnreadableNotification): Promise<void>;
}

/**
 * What `onError` reports of a notification ET signed but @etkit/notify refused: unreadable (MALFORMED: its fields,
 * and the kind they point to) or ambiguous (AMBIGUOUS: its signed string reads as more than one notification, a
 * re-cut forgery perhaps, so it has no fields anyone may call ET's; kind `ambiguous`, the raw body only).
 */
export interface UnreadableNotification {
  kind: NonNullable<DeliveryFailure['kind']> | 'ambiguous';
  idempotencyKey: string;
  /** Why it could not be read: names the field, never a value. */
  reason: string;
  fields?: Readonly<Record<string, string>>;
  /** The raw body as received, and its Content-Type. */
  rawBody?: string;
  contentType?: string | null;
}

/** What a sink receives: the verified fields as received (wire text), without `sign`. */
export interface ForwardedNotification {
  kind: Notification['kind'];
  /** The same for every resend of one notification: deduplicate on it downstream. */
  idempotencyKey: string;
  orderId: string | undefined;
  fields: Record<string, string>;
  receivedAt: string;
}

export function toForwarded(notification: Notification, now = new Date()): ForwardedNotification {
  const { sign: _sign, ...fields } = notification.raw;
  return {
    kind: notification.kind,
    idempotencyKey: notification.idempotencyKey,
    orderId: notification.orderId,
    fields,
    receivedAt: now.toISOString(),
  };
}

/** What a sink receives for an unreadable one: `kind` "unreadable", the kind its fields point to, and why. */
export interface ForwardedUnreadable {
  kind: 'unreadable';
  notificationKind: UnreadableNotification['kind'];
  /** Prefixed with `unreadable:`, so a later release that reads it forwards it under its own key. */
  idempotencyKey: string;
  reason: string;
  /** Absent for an ambiguous one: which order it names is what is in doubt. */
  orderId: string | undefined;
  /** Empty for an ambiguous one. */
  fields: Record<string, string>;
  rawBody: string | undefined;
  contentType: string | null | undefined;
  receivedAt: string;
}

export function toForwardedUnreadable(unreadable: UnreadableNotification, now = new Date()): ForwardedUnreadable {
  const { sign: _sign, ...fields } = unreadable.fields ?? {};
  return {
    kind: 'unreadable',
    notificationKind: unreadable.kind,
    idempotencyKey: `unreadable:${unreadable.idempotencyKey}`,
    reason: unreadable.reason,
    orderId: fields['order_id'],
    fields,
    rawBody: unreadable.rawBody,
    contentType: unreadable.contentType,
    receivedAt: now.toISOString(),
  };
}

export class SinkError extends Error {
  readonly code = 'SINK_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SinkError';
  }
}

/**
 * POSTs each notification as JSON, with an `Idempotency-Key` header; a non-2xx answer, a network error or a
 * timeout is a failure (ET will resend, and the receiver deduplicates on the key).
 */
export function httpSink(options: {
  url: string;
  token?: string | undefined;
  timeoutMs: number;
  fetch?: typeof fetch;
}): Sink {
  const send = options.fetch ?? fetch;
  const post = async (body: { idempotencyKey: string }) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': body.idempotencyKey,
    };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let response: Response;
    try {
      response = await send(options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw new SinkError('the sink could not be reached', { cause: error });
    }
    await response.body?.cancel();
    if (!response.ok) throw new SinkError(`the sink answered HTTP ${response.status}`);
  };
  return {
    notification: (notification) => post(toForwarded(notification)),
    unreadable: (unreadable) => post(toForwardedUnreadable(unreadable)),
  };
}

/**
 * Fields a log line must not show: the voucher URL is a bearer link to a payment document, `extend_info` is
 * free text the merchant chose, and `sign` is useless to a reader.
 */
export const REDACTED_FIELDS: readonly string[] = ['sign', 'remittance_voucher_url', 'extend_info'];

/** Writes one JSON line per notification, with the fields above replaced by "[redacted]". */
export function logSink(write: (line: string) => void = (line) => console.log(line)): Sink {
  const redacted = (fields: Record<string, string>) => {
    const shown: Record<string, string> = {};
    for (const [name, value] of Object.entries(fields)) {
      shown[name] = REDACTED_FIELDS.includes(name) && value !== '' ? '[redacted]' : value;
    }
    return shown;
  };
  return {
    async notification(notification) {
      const forwarded = toForwarded(notification);
      write(JSON.stringify({ event: 'et-notification', ...forwarded, fields: redacted(forwarded.fields) }));
    },
    async unreadable(unreadable) {
      const forwarded = toForwardedUnreadable(unreadable);
      // The raw body holds the free text the fields above redact: its size only.
      const rawBody =
        forwarded.rawBody === undefined ? undefined : `[redacted: ${forwarded.rawBody.length} characters]`;
      write(
        JSON.stringify({
          event: 'et-notification-unreadable',
          ...forwarded,
          fields: redacted(forwarded.fields),
          rawBody,
        }),
      );
    },
  };
}
