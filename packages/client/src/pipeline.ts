import {
  isEtkitCryptoError,
  type OpenedResponse,
  openResponse,
  type ProtocolProfile,
  type RequestEnvelope,
  sealRequest,
} from '@etkit/crypto';
import { AttemptAbort, attemptRequest, untilAborted } from './attempt.js';
import { type ClientKeys, isUsableTimeoutMs, TIMEOUT_MS_RULE } from './config.js';
import {
  ApiError,
  type ClientErrorContext,
  EtkitClientError,
  OutcomeUnknownError,
  TimeoutError,
  TransportError,
  ValidationError,
} from './errors.js';
import type { ClientHooks, ErrorView, RequestView } from './hooks.js';
import { redactPayload } from './redact.js';
import { redactEncryptedPayload } from './redact-encrypted.js';
import { backoffDelayMs, type RetryPolicy, sleep } from './retry.js';
import { isAbortAware, RequestNotSentError, type Transport, TransportTimeoutError } from './transport.js';
import { containsWireNumber, toWireJson } from './wire-json.js';

/** Per-call options accepted by every client method. */
export interface CallOptions {
  /** Aborts the call (every attempt and any backoff wait). */
  signal?: AbortSignal;
  /** Time budget of each attempt, overriding the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Sent in the envelope's `return_info`; ET echoes it back. */
  returnInfo?: string;
  /** Sent in the envelope's `extend_info` (reserved; empty by default). */
  extendInfo?: string;
}

/** One operation ready to send: validated, wire-shaped payloads. */
export interface PreparedCall {
  operation: string;
  serverType: string;
  /** `read` calls are retried after failures that may have reached ET; `write` calls never are. */
  kind: 'read' | 'write';
  data: Record<string, unknown> | undefined;
  sensitive: Record<string, unknown> | undefined;
  /** Payload schemas of the encrypted request fields and of the result records (hook views show only what they document). */
  sensitiveSchema: string;
  resultSchema: string;
}

/** Everything the pipeline needs from the client, resolved once at createClient. */
export interface PipelineContext {
  url: string;
  merchantNumber: string;
  subMerchantNumber: string;
  cryptoProfile: Partial<ProtocolProfile> | undefined;
  /** The imported keys: a promise on first use, the keys themselves once imported. */
  keys: () => ClientKeys | Promise<ClientKeys>;
  transport: Transport;
  timeoutMs: number;
  retry: RetryPolicy;
  hooks: ClientHooks | undefined;
  redactFields: ReadonlySet<string>;
  /** The caller's serial-number generator; undefined: @etkit/crypto's createSerialNumber. */
  serialNumber?: ((merchantNumber: string) => string) | undefined;
}

/** A successful exchange: the verified, decrypted response and the attempt that produced it. */
export interface PipelineResult {
  opened: OpenedResponse;
  serialNumber: string;
  attempts: number;
  httpStatus: number;
}

// A new object for each attempt: a transport may add to it.
const requestHeaders = (): Record<string, string> => ({
  'content-type': 'application/json; charset=utf-8',
  accept: 'application/json',
});

/**
 * The one request pipeline: for each attempt, seal with a fresh serial number (PROTOCOL.md §4: unique per
 * request), send under a fresh timeout combined with the caller's signal, require HTTP 2xx, verify then decrypt
 * (@etkit/crypto openResponse), turn a non-000000 status_code into ApiError. Failures are retried with
 * exponential backoff and full jitter when the request never left, or when the call is a read; a write that may
 * have reached ET is never retried and fails with OUTCOME_UNKNOWN.
 */
export async function runPipeline(
  context: PipelineContext,
  call: PreparedCall,
  options: CallOptions = {},
): Promise<PipelineResult> {
  const trace = new CallTrace(call);
  const errorContext = trace.context;
  const serialNumbers = trace.serialNumbers;
  const callerSignal = options.signal;
  const timeoutMs = options.timeoutMs ?? context.timeoutMs;
  let reachedEt = false;
  if (!isUsableTimeoutMs(timeoutMs)) throw new EtkitClientError('CONFIG', TIMEOUT_MS_RULE, errorContext());

  if (callerSignal?.aborted) throw aborted(errorContext());
  let keys: ClientKeys;
  try {
    const loaded = context.keys();
    keys = loaded instanceof Promise ? await loaded : loaded;
  } catch (error) {
    throw new EtkitClientError('CONFIG', 'the client keys could not be imported', errorContext({ cause: error }));
  }

  for (let attempt = 1; ; attempt++) {
    if (callerSignal?.aborted) throw aborted(errorContext({ mayHaveReachedEt: reachedEt }));
    const serialNumber =
      context.serialNumber === undefined
        ? undefined
        : callerSerialNumber(context, serialNumbers, (extra) =>
            errorContext({ mayHaveReachedEt: reachedEt, ...extra }),
          );
    let envelope: RequestEnvelope;
    try {
      envelope = await sealRequest(...sealArguments(context, call, options, keys, serialNumber));
    } catch (error) {
      throw sealFailure(error, errorContext());
    }
    serialNumbers.push(envelope.serial_number);
    const view = context.hooks ? requestView(context, call, envelope, attempt) : undefined;
    if (view) await callHook(context.hooks?.onRequest, view);

    const started = view ? performance.now() : 0;
    const attemptSignal = new AttemptAbort(callerSignal, timeoutMs);
    let failure: EtkitClientError;
    try {
      const sent = context.transport(
        attemptRequest(context.url, requestHeaders(), JSON.stringify(envelope), attemptSignal),
      );
      // Each extra promise between the answer and this line costs more than it seems on a busy event loop.
      const response = await (isAbortAware(context.transport) ? sent : untilAborted(sent, attemptSignal));
      reachedEt = true;
      if (response.status < 200 || response.status > 299) {
        throw new TransportError(`ET answered HTTP ${response.status}`, {
          ...errorContext({ mayHaveReachedEt: true }),
          httpStatus: response.status,
        });
      }
      let opened: OpenedResponse;
      try {
        opened = await openResponse(response.body, {
          etPublicKey: keys.etPublicKey,
          merchantPrivateKey: keys.merchantPrivateKey,
          profile: context.cryptoProfile,
        });
      } catch (error) {
        throw openFailure(error, errorContext);
      }
      if (view) {
        await callHook(context.hooks?.onResponse, {
          ...view,
          durationMs: performance.now() - started,
          httpStatus: response.status,
          statusCode: opened.statusCode,
          message: opened.message,
          count: opened.count,
          verified: opened.verified,
          responseData: redactPayload(opened.data, context.redactFields),
          responseSensitive: redactEncryptedPayload(opened.sensitive, call.resultSchema, context.redactFields),
        });
      }
      if (opened.statusCode !== '000000') {
        throw new ApiError(
          {
            statusCode: opened.statusCode,
            message: opened.message,
            returnInfo: opened.returnInfo,
            verified: opened.verified,
          },
          errorContext(),
        );
      }
      return { opened, serialNumber: envelope.serial_number, attempts: attempt, httpStatus: response.status };
    } catch (error) {
      failure = classifyFailure(error, attemptSignal, timeoutMs, errorContext);
      if (failure.mayHaveReachedEt) reachedEt = true;
    } finally {
      attemptSignal.dispose();
    }

    const retry = attempt < context.retry.maxAttempts && isRetryable(call.kind, failure);
    const delay = retry ? backoffDelayMs(context.retry, attempt) : undefined;
    if (view) await callHook(context.hooks?.onError, errorView(view, failure, started, delay));
    if (!retry) throw finalFailure(call, failure, errorContext({ mayHaveReachedEt: reachedEt }));
    try {
      await sleep(delay ?? 0, callerSignal);
    } catch {
      throw aborted(errorContext({ mayHaveReachedEt: reachedEt }));
    }
  }
}

function sealArguments(
  context: PipelineContext,
  call: PreparedCall,
  options: CallOptions,
  keys: ClientKeys,
  serialNumber: string | undefined,
): Parameters<typeof sealRequest> {
  // Built field by field rather than spread from temporary objects: this runs on every attempt.
  const fields: Parameters<typeof sealRequest>[0] = {
    server_type: call.serverType,
    merchant_number: context.merchantNumber,
    sub_merchant_number: context.subMerchantNumber,
    data: call.data === undefined ? '{}' : wireJsonOrObject(call.data),
    return_info: options.returnInfo ?? '',
    extend_info: options.extendInfo ?? '',
  };
  if (serialNumber !== undefined) fields.serial_number = serialNumber;
  const sealOptions: Parameters<typeof sealRequest>[1] = {
    merchantPrivateKey: keys.merchantPrivateKey,
    etPublicKey: keys.etPublicKey,
    profile: context.cryptoProfile,
  };
  if (call.sensitive !== undefined) {
    if (containsWireNumber(call.sensitive)) sealOptions.sensitiveText = toWireJson(call.sensitive);
    else sealOptions.sensitive = call.sensitive;
  }
  return [fields, sealOptions];
}

// The caller's serial number for this attempt, checked before anything is sealed or sent: text, no `&` (the string
// to sign does not escape it), and new within this call (PROTOCOL.md §4: unique per request; a retry is a request).
function callerSerialNumber(
  context: PipelineContext,
  used: readonly string[],
  errorContext: (extra?: Partial<ClientErrorContext>) => ClientErrorContext,
): string | undefined {
  if (context.serialNumber === undefined) return undefined;
  let serialNumber: unknown;
  try {
    serialNumber = context.serialNumber(context.merchantNumber);
  } catch (error) {
    throw new EtkitClientError('CONFIG', 'the serialNumber option threw', errorContext({ cause: error }));
  }
  if (typeof serialNumber !== 'string' || serialNumber.trim() === '' || serialNumber.includes('&')) {
    throw new EtkitClientError(
      'CONFIG',
      'the serialNumber option must return a non-empty string without &',
      errorContext(),
    );
  }
  if (used.includes(serialNumber)) {
    throw new EtkitClientError(
      'CONFIG',
      'the serialNumber option returned a serial number already sent in this call; each attempt needs a new one',
      errorContext(),
    );
  }
  return serialNumber;
}

function sealFailure(error: unknown, context: ClientErrorContext): EtkitClientError {
  if (error instanceof TypeError || (isEtkitCryptoError(error) && error.code === 'INVALID_ARGUMENT')) {
    return new ValidationError('request', 'type', 'could not be sealed (not serialisable as JSON)', {
      ...context,
      cause: error,
    });
  }
  return new EtkitClientError('CONFIG', 'the request could not be sealed', { ...context, cause: error });
}

// Maps @etkit/crypto's failures to the client's codes. The request reached ET: an answer came back.
function openFailure(
  error: unknown,
  errorContext: (extra?: Partial<ClientErrorContext>) => ClientErrorContext,
): EtkitClientError {
  const context = errorContext({ mayHaveReachedEt: true, cause: error });
  if (!isEtkitCryptoError(error)) {
    return new EtkitClientError('MALFORMED_RESPONSE', 'the response could not be opened', context);
  }
  switch (error.code) {
    case 'SIGNATURE_INVALID':
      return new EtkitClientError('SIGNATURE_INVALID', 'the response signature does not verify', context);
    case 'SIGNATURE_MISSING':
      return new EtkitClientError('SIGNATURE_INVALID', 'the response is not signed', context);
    case 'DECRYPT_FAILED':
      return new EtkitClientError('DECRYPT_FAILED', 'the response could not be decrypted', context);
    case 'KEY_INVALID':
      return new EtkitClientError('CONFIG', 'the client keys are unusable', context);
    default:
      return new EtkitClientError(
        'MALFORMED_RESPONSE',
        `the response is not a valid envelope (${error.code})`,
        context,
      );
  }
}

// Payloads holding a decimal amount are serialised here (its exact text); others go to @etkit/crypto as objects.
function wireJsonOrObject(payload: Record<string, unknown>): string | Record<string, unknown> {
  return containsWireNumber(payload) ? toWireJson(payload) : payload;
}

// Serial numbers sent so far, and the safe metadata every error of this call carries.
class CallTrace {
  readonly serialNumbers: string[] = [];
  constructor(private readonly call: PreparedCall) {}

  readonly context = (extra: Partial<ClientErrorContext> = {}): ClientErrorContext => ({
    operation: this.call.operation,
    serverType: this.call.serverType,
    serialNumbers: [...this.serialNumbers],
    attempts: this.serialNumbers.length,
    ...extra,
  });
}

function classifyFailure(
  error: unknown,
  attemptSignal: AttemptAbort,
  timeoutMs: number,
  errorContext: (extra?: Partial<ClientErrorContext>) => ClientErrorContext,
): EtkitClientError {
  if (error instanceof EtkitClientError) return error;
  if (error instanceof RequestNotSentError) {
    return new TransportError(
      `request not sent: ${error.message}`,
      errorContext({ mayHaveReachedEt: false, cause: error }),
    );
  }
  if (attemptSignal.aborted && !attemptSignal.timedOut) {
    return aborted(errorContext({ mayHaveReachedEt: true, cause: error }));
  }
  if (attemptSignal.timedOut) {
    return new TimeoutError(timeoutMs, errorContext({ mayHaveReachedEt: true, cause: error }));
  }
  if (error instanceof TransportTimeoutError) {
    return new TimeoutError(error.timeoutMs ?? timeoutMs, errorContext({ mayHaveReachedEt: true, cause: error }));
  }
  const detail = error instanceof Error ? error.message : 'unknown failure';
  return new TransportError(`transport failed: ${detail}`, errorContext({ mayHaveReachedEt: true, cause: error }));
}

function isRetryable(kind: PreparedCall['kind'], failure: EtkitClientError): boolean {
  if (failure.code !== 'TIMEOUT' && failure.code !== 'TRANSPORT') return false;
  if (!failure.mayHaveReachedEt) return true; // the request never left: safe for any operation
  if (kind === 'write') return false;
  if (failure instanceof TransportError && failure.httpStatus !== undefined) {
    return failure.httpStatus >= 500 || failure.httpStatus === 429;
  }
  return true;
}

// What the caller finally gets: a write that may have been acted on becomes OUTCOME_UNKNOWN. So does a write whose
// answer cannot be trusted or read (signature, decryption, envelope), and one refused only by an unsigned error
// body: anyone on the path can write one, so it cannot prove that ET did not act.
const unreadableAnswer = new Set(['SIGNATURE_INVALID', 'DECRYPT_FAILED', 'MALFORMED_RESPONSE']);

function finalFailure(call: PreparedCall, failure: EtkitClientError, context: ClientErrorContext): EtkitClientError {
  const ambiguous =
    failure.code === 'TIMEOUT' ||
    unreadableAnswer.has(failure.code) ||
    (failure instanceof TransportError && (failure.httpStatus === undefined || failure.httpStatus >= 500)) ||
    (failure instanceof ApiError && !failure.verified);
  if (call.kind === 'write' && failure.mayHaveReachedEt && ambiguous) {
    return new OutcomeUnknownError(failure, context);
  }
  return failure;
}

function aborted(context: ClientErrorContext): EtkitClientError {
  return new EtkitClientError('ABORTED', `${context.serverType ?? 'request'} was aborted by the caller`, context);
}

function requestView(
  context: PipelineContext,
  call: PreparedCall,
  envelope: RequestEnvelope,
  attempt: number,
): RequestView {
  return {
    operation: call.operation,
    serverType: call.serverType,
    serialNumber: envelope.serial_number,
    attempt,
    url: context.url,
    data: redactPayload(call.data ?? {}, context.redactFields),
    sensitive:
      call.sensitive === undefined
        ? undefined
        : redactEncryptedPayload(call.sensitive, call.sensitiveSchema, context.redactFields),
  };
}

function errorView(
  view: RequestView,
  failure: EtkitClientError,
  started: number,
  delay: number | undefined,
): ErrorView {
  return {
    ...view,
    durationMs: performance.now() - started,
    error: {
      code: failure.code,
      message: failure.message,
      ...(failure instanceof TransportError && failure.httpStatus !== undefined
        ? { httpStatus: failure.httpStatus }
        : {}),
      ...(failure instanceof ApiError ? { statusCode: failure.statusCode } : {}),
    },
    willRetry: delay !== undefined,
    retryDelayMs: delay,
  };
}

// A hook must not break or change the request: its failures are swallowed.
async function callHook<T>(hook: ((view: T) => void | Promise<void>) | undefined, view: T): Promise<void> {
  if (!hook) return;
  try {
    await hook(view);
  } catch {
    // ignored on purpose
  }
}
