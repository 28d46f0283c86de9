import type { Notification } from '@etkit/notify';

/** Where verified notifications go. Throwing makes the worker answer non-OK, so ET resends. */
export type Sink = (notification: Notification) => Promise<void>;

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
  return async (notification) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': notification.idempotencyKey,
    };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let response: Response;
    try {
      response = await send(options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(toForwarded(notification)),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw new SinkError('the sink could not be reached', { cause: error });
    }
    await response.body?.cancel();
    if (!response.ok) throw new SinkError(`the sink answered HTTP ${response.status}`);
  };
}

/**
 * Fields a log line must not show: the voucher URL is a bearer link to a payment document, `extend_info` is
 * free text the merchant chose, and `sign` is useless to a reader.
 */
export const REDACTED_FIELDS: readonly string[] = ['sign', 'remittance_voucher_url', 'extend_info'];

/** Writes one JSON line per notification, with the fields above replaced by "[redacted]". */
export function logSink(write: (line: string) => void = (line) => console.log(line)): Sink {
  return async (notification) => {
    const forwarded = toForwarded(notification);
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(forwarded.fields)) {
      fields[name] = REDACTED_FIELDS.includes(name) && value !== '' ? '[redacted]' : value;
    }
    write(JSON.stringify({ event: 'et-notification', ...forwarded, fields }));
  };
}
