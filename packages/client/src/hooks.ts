import type { ClientErrorCode } from './errors.js';

/**
 * What hooks see. Payloads are redacted: fields holding personal data (the OpenAPI document's
 * `x-etkit-sensitive` list plus any `redactFields` you add) read `[REDACTED]`. Keys, `aeskey`, `sign` and the
 * `sensitive_data` ciphertext are never part of a view.
 */
export interface RequestView {
  operation: string;
  serverType: string;
  serialNumber: string;
  /** 1 for the first attempt. */
  attempt: number;
  url: string;
  /** The plaintext `data` fields, redacted. */
  data: unknown;
  /** The fields sent encrypted in `sensitive_data`; only documented, non-personal fields show. Undefined when none. */
  sensitive: unknown;
}

export interface ResponseView extends RequestView {
  /** Time from handing the request to the transport to having opened the response. */
  durationMs: number;
  httpStatus: number;
  statusCode: string;
  message: string;
  count: number;
  /** False only for an unsigned error body accepted under `unsignedResponses: 'accept-errors-unverified'`. */
  verified: boolean;
  /** The response's `data` list, redacted. */
  responseData: unknown;
  /** The response's decrypted `sensitive_data` list; only documented, non-personal fields show. */
  responseSensitive: unknown;
}

export interface ErrorView extends RequestView {
  durationMs: number;
  error: { code: ClientErrorCode; message: string; httpStatus?: number; statusCode?: string };
  /** Whether the pipeline will try again, and after how long. */
  willRetry: boolean;
  retryDelayMs: number | undefined;
}

export interface ClientHooks {
  onRequest?: (view: RequestView) => void | Promise<void>;
  onResponse?: (view: ResponseView) => void | Promise<void>;
  onError?: (view: ErrorView) => void | Promise<void>;
  /** Extra field names to mask, in addition to the document's sensitive fields. */
  redactFields?: readonly string[];
}
