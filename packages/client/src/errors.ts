import { statusCodeLabel } from '@etkit/constants';

/**
 * Every failure of @etkit/client carries one of these codes. Messages and properties hold safe metadata only
 * (server_type, serial numbers, status codes, field names and limits): never keys, plaintext personal data,
 * ciphertexts or signatures.
 */
export type ClientErrorCode =
  | 'API_ERROR' // ET answered with a status_code other than 000000
  | 'SIGNATURE_INVALID' // the response signature is missing (where required) or does not verify
  | 'DECRYPT_FAILED' // the response's sensitive_data could not be decrypted
  | 'MALFORMED_RESPONSE' // the response body is not a response envelope
  | 'TIMEOUT' // an attempt took longer than timeoutMs
  | 'TRANSPORT' // the HTTP exchange failed (connection refused, reset, non-2xx status…)
  | 'VALIDATION' // the request payload breaks the OpenAPI document's constraints; nothing was sent
  | 'CONFIG' // the client is misconfigured (options, keys, a server_type the profile must supply)
  | 'ABORTED' // the caller's AbortSignal fired
  | 'OUTCOME_UNKNOWN' // a write failed after its request may have reached ET: not retried, reconcile first
  | 'ORDER_STILL_UNKNOWN'; // findOrCreateOrder could not tell whether ET holds the order: look it up again later

/** Safe metadata shared by every client error. */
export interface ClientErrorContext {
  /** The SDK operation, e.g. `createOrder`, or `call` for the generic call. */
  operation?: string;
  serverType?: string;
  /** Serial number of the last attempt. */
  serialNumber?: string;
  /** Serial numbers of every attempt, oldest first (each attempt is sealed with a fresh one). */
  serialNumbers?: readonly string[];
  /** Attempts made (0 when the error happened before anything was sent). */
  attempts?: number;
  /** Whether a request of this call may have reached ET. */
  mayHaveReachedEt?: boolean;
  cause?: unknown;
}

export class EtkitClientError extends Error {
  readonly code: ClientErrorCode;
  readonly operation: string | undefined;
  readonly serverType: string | undefined;
  readonly serialNumber: string | undefined;
  readonly serialNumbers: readonly string[];
  readonly attempts: number;
  readonly mayHaveReachedEt: boolean;

  constructor(code: ClientErrorCode, message: string, context: ClientErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = 'EtkitClientError';
    this.code = code;
    this.operation = context.operation;
    this.serverType = context.serverType;
    this.serialNumbers = context.serialNumbers ?? (context.serialNumber ? [context.serialNumber] : []);
    this.serialNumber = context.serialNumber ?? this.serialNumbers.at(-1);
    this.attempts = context.attempts ?? 0;
    this.mayHaveReachedEt = context.mayHaveReachedEt ?? false;
  }
}

/** The class that carries each code with extra fields; other codes are plain {@link EtkitClientError}s. */
export interface ClientErrorByCode {
  API_ERROR: ApiError;
  VALIDATION: ValidationError;
  TRANSPORT: TransportError;
  TIMEOUT: TimeoutError;
  OUTCOME_UNKNOWN: OutcomeUnknownError;
  ORDER_STILL_UNKNOWN: OrderStillUnknownError;
}

/** The error type for a code. */
export type ClientErrorOf<C extends ClientErrorCode> = C extends keyof ClientErrorByCode
  ? ClientErrorByCode[C]
  : EtkitClientError;

/**
 * Whether `error` is an error of this package, optionally with the given code; narrows to the code's class
 * (`isEtkitClientError(error, 'API_ERROR')` gives an {@link ApiError} with its `statusCode`).
 */
export function isEtkitClientError<C extends ClientErrorCode>(error: unknown, code: C): error is ClientErrorOf<C>;
export function isEtkitClientError(error: unknown): error is EtkitClientError;
export function isEtkitClientError(error: unknown, code?: ClientErrorCode): error is EtkitClientError {
  return error instanceof EtkitClientError && (code === undefined || error.code === code);
}

/** ET answered, the answer verified, and its status_code is not `000000`. */
export class ApiError extends EtkitClientError {
  declare readonly code: 'API_ERROR';
  /** ET's status_code, e.g. `200003`. */
  readonly statusCode: string;
  /** ET's `message` text as received. */
  readonly etMessage: string;
  /** A readable explanation of a known status_code (from @etkit/constants), else undefined. */
  readonly explanation: string | undefined;
  readonly returnInfo: string;
  /** False only for an unsigned error body accepted under the profile's `unsignedResponses` option. */
  readonly verified: boolean;

  constructor(
    details: { statusCode: string; message: string; returnInfo: string; verified: boolean },
    context: ClientErrorContext,
  ) {
    const explanation = statusCodeLabel(details.statusCode);
    super(
      'API_ERROR',
      `${context.serverType ?? 'request'} failed with status_code ${loggable(details.statusCode, 32)}` +
        `${explanation ? ` (${explanation})` : ''}: ${loggable(details.message, 300)}`,
      { ...context, mayHaveReachedEt: true },
    );
    this.name = 'ApiError';
    this.statusCode = details.statusCode;
    this.etMessage = details.message;
    this.explanation = explanation;
    this.returnInfo = details.returnInfo;
    this.verified = details.verified;
  }
}

/**
 * Text from a response for a message that ends up in logs: control characters (line breaks, terminal escapes)
 * become spaces so a body cannot forge log lines, and it is cut at `max` characters. The raw text stays on the
 * error's own properties.
 */
function loggable(text: string, max: number): string {
  // Cut first: a hostile message of a million line breaks would otherwise cost a million replacements.
  const cut = text.length > max;
  const flat = (cut ? text.slice(0, max) : text).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  return cut ? `${flat}…` : flat;
}

/** What a payload field broke. */
export type ValidationRule = 'required' | 'type' | 'maxLength' | 'enum' | 'decimal' | 'conflict' | 'echoed';

/** The request payload breaks a constraint of the OpenAPI document. Nothing was sent. */
export class ValidationError extends EtkitClientError {
  declare readonly code: 'VALIDATION';
  /** Path of the field, e.g. `sensitive.student_email` or `sensitive.fee_type_list[0].fee_type`. */
  readonly field: string;
  readonly rule: ValidationRule;
  /** The limit broken (maximum length) where there is one. */
  readonly limit: number | undefined;

  constructor(
    field: string,
    rule: ValidationRule,
    description: string,
    context: ClientErrorContext & { limit?: number },
  ) {
    super('VALIDATION', `${context.operation ?? 'request'}: ${field} ${description}`, context);
    this.name = 'ValidationError';
    this.field = field;
    this.rule = rule;
    this.limit = context.limit;
  }
}

/** The HTTP exchange failed. `httpStatus` is set when a non-2xx response arrived. */
export class TransportError extends EtkitClientError {
  declare readonly code: 'TRANSPORT';
  readonly httpStatus: number | undefined;

  constructor(message: string, context: ClientErrorContext & { httpStatus?: number }) {
    super('TRANSPORT', message, context);
    this.name = 'TransportError';
    this.httpStatus = context.httpStatus;
  }
}

/** An attempt exceeded its time budget. */
export class TimeoutError extends EtkitClientError {
  declare readonly code: 'TIMEOUT';
  readonly timeoutMs: number;

  constructor(timeoutMs: number, context: ClientErrorContext) {
    super('TIMEOUT', `${context.serverType ?? 'request'} timed out after ${timeoutMs} ms`, context);
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/**
 * A write (create order, upload attachment, redirect order, apply for refund, generic call) failed after its
 * request may have reached ET: no answer, an answer that cannot be trusted or read (signature, decryption,
 * envelope), or a refusal only by an unsigned (unverified) error body, which anyone on the path could have
 * written. It is never retried automatically: ET may have acted on it. Reconcile first — e.g. look the order up
 * with `batchQueryOrders` by your merchant_order_id — then decide whether to send again.
 * `cause` is the underlying error (TIMEOUT, TRANSPORT, SIGNATURE_INVALID, DECRYPT_FAILED, MALFORMED_RESPONSE, or
 * the unverified ApiError); `reason` its code.
 */
export class OutcomeUnknownError extends EtkitClientError {
  declare readonly code: 'OUTCOME_UNKNOWN';
  /** The code of the underlying failure. */
  readonly reason: ClientErrorCode;

  constructor(reason: EtkitClientError, context: ClientErrorContext) {
    const serialNumber = context.serialNumber ?? context.serialNumbers?.at(-1) ?? 'unknown';
    super(
      'OUTCOME_UNKNOWN',
      `${context.serverType ?? 'request'} was not retried: it may have reached ET (${reason.code}: ${reason.message}). ` +
        `Reconcile before sending again (serial number ${serialNumber}).`,
      { ...context, mayHaveReachedEt: true, cause: reason },
    );
    this.name = 'OutcomeUnknownError';
    this.reason = reason.code;
  }
}

/** What the last look-up of an order by merchant order id saw. */
export type OrderLookup = 'absent' | 'failed';

/**
 * `findOrCreateOrder` sent a create whose outcome is unknown, then looked the order up by its merchant order id
 * and could not find it: either every look-up failed (`lastLookup: 'failed'`), or ET answered that it holds no such
 * order (`'absent'`) while the create may still be in flight. Nothing more was sent. To retry safely, look the order
 * up again later with `findOrderByMerchantOrderId(client, merchantOrderId)` and create it only once you know it is
 * absent and the create that failed can no longer land (or your ET account refuses a repeated merchant order id).
 * `cause` is the last failure (the create's OutcomeUnknownError, or the look-up's error).
 */
export class OrderStillUnknownError extends EtkitClientError {
  declare readonly code: 'ORDER_STILL_UNKNOWN';
  /** The merchant's own order number: the key to look the order up by. */
  readonly merchantOrderId: string;
  readonly lastLookup: OrderLookup;
  /** Look-ups made after the create's outcome became unknown. */
  readonly lookups: number;
  /** Serial numbers of every create request sent, oldest first: what to quote to ET's support. */
  readonly createSerialNumbers: readonly string[];

  constructor(
    details: { merchantOrderId: string; lastLookup: OrderLookup; lookups: number; createSerialNumbers: string[] },
    context: ClientErrorContext,
  ) {
    const seen = details.lastLookup === 'absent' ? 'ET held no such order yet' : 'every look-up failed';
    super(
      'ORDER_STILL_UNKNOWN',
      `createOrder's outcome is unknown and ${details.lookups} look-up(s) by merchant order id did not settle it ` +
        `(${seen}). Look it up again later before creating it again (create serial numbers ` +
        `${details.createSerialNumbers.join(', ') || 'none'}).`,
      { ...context, operation: 'findOrCreateOrder', mayHaveReachedEt: true },
    );
    this.name = 'OrderStillUnknownError';
    this.merchantOrderId = details.merchantOrderId;
    this.lastLookup = details.lastLookup;
    this.lookups = details.lookups;
    this.createSerialNumbers = details.createSerialNumbers;
  }
}
