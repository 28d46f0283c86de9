import type { PrivateKeyInput, PublicKeyInput } from '../keys/rsa-key.js';
import type { ProtocolProfile } from '../profile.js';

/** The request envelope as sent (PROTOCOL.md §2). */
export interface RequestEnvelope {
  serial_number: string;
  merchant_number: string;
  sub_merchant_number: string;
  server_type: string;
  version: string;
  callback_process: number;
  data: string;
  sensitive_data: string;
  aeskey: string;
  sign: string;
  extend_info: string;
  return_info: string;
}

/** The response envelope as sent (PROTOCOL.md §3). */
export interface ResponseEnvelope {
  status_code: string;
  message: string;
  count: number;
  data: string;
  sensitive_data: string;
  aeskey: string;
  sign: string;
  return_info: string;
  extend_info: string;
  version: string;
}

export interface SealRequestFields {
  server_type: string;
  merchant_number: string;
  sub_merchant_number: string;
  serial_number?: string;
  data?: object | string;
  version?: string;
  callback_process?: 0 | 1;
  return_info?: string;
  extend_info?: string;
}

export interface SealRequestOptions {
  sensitive?: object;
  /**
   * Addition: the exact JSON text to encrypt instead of `JSON.stringify(sensitive)`, for byte-exact interop
   * with a peer that serialises differently (e.g. Python's `json.dumps` with `\uXXXX` escapes).
   */
  sensitiveText?: string;
  merchantPrivateKey: PrivateKeyInput;
  etPublicKey: PublicKeyInput;
  profile?: Partial<ProtocolProfile>;
  /** Tests only: a fixed 16-character AES key instead of a fresh random one. */
  aesKey?: string;
}

export interface OpenRequestOptions {
  merchantPublicKey: PublicKeyInput;
  etPrivateKey: PrivateKeyInput;
  profile?: Partial<ProtocolProfile>;
}

export interface OpenedRequest {
  /** Each top-level field's wire text (RawJsonValue.text). */
  fields: Record<string, string>;
  data: unknown;
  /** undefined when nothing was encrypted. */
  sensitive: unknown;
}

export interface SealResponseFields {
  status_code?: string;
  message?: string;
  data?: unknown[] | string;
  count?: number;
  return_info?: string;
  extend_info?: string;
  version?: string;
}

export interface SealResponseOptions {
  sensitive?: unknown[];
  /** Addition: the exact JSON text (of a list) to encrypt instead of `JSON.stringify(sensitive)`. */
  sensitiveText?: string;
  etPrivateKey: PrivateKeyInput;
  merchantPublicKey: PublicKeyInput;
  profile?: Partial<ProtocolProfile>;
  /** Tests only: a fixed 16-character AES key. */
  aesKey?: string;
}

export interface OpenResponseOptions {
  etPublicKey: PublicKeyInput;
  merchantPrivateKey: PrivateKeyInput;
  profile?: Partial<ProtocolProfile>;
}

export interface OpenedResponse {
  statusCode: string;
  message: string;
  count: number;
  /** parseJsonLossless(data); [] when empty. */
  data: unknown;
  /** parseJsonLossless(decrypted sensitive_data); [] when none. */
  sensitive: unknown;
  returnInfo: string;
  extendInfo: string;
  /** false only for an unsigned error body accepted under `unsignedResponses: 'accept-errors-unverified'`. */
  verified: boolean;
}
