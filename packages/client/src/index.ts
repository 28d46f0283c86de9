/**
 * @etkit/client — a transport-agnostic client for the EasyTransfer Study Abroad Payment Open API: one method per
 * operation plus a generic call, requests sealed and responses opened with @etkit/crypto, payloads typed and
 * validated from @etkit/openapi. This entry is portable (Node, Deno, Bun, Workers, browsers); its default
 * transport is fetch. On Node the `node` export condition selects an entry whose default is undici.
 * @packageDocumentation
 */
import { createClientWithDefaultTransport, type EtClient } from './client.js';
import type { ClientOptions } from './config.js';
import { fetchTransport } from './fetch-transport.js';

export type { EtClient } from './client.js';
export { type ClientOptions, type ClientProfile, environments } from './config.js';
export { decimalNumber, isDecimalText } from './decimal.js';
export {
  ApiError,
  type ClientErrorByCode,
  type ClientErrorCode,
  type ClientErrorContext,
  type ClientErrorOf,
  EtkitClientError,
  isEtkitClientError,
  type OrderLookup,
  OrderStillUnknownError,
  OutcomeUnknownError,
  TimeoutError,
  TransportError,
  ValidationError,
  type ValidationRule,
} from './errors.js';
export { type FetchTransportOptions, fetchTransport } from './fetch-transport.js';
export {
  type FindOrCreateOrderOptions,
  type FindOrderOptions,
  type FoundOrCreatedOrder,
  findOrCreateOrder,
  findOrderByMerchantOrderId,
} from './find-or-create-order.js';
export type { ClientHooks, ErrorView, RequestView, ResponseView } from './hooks.js';
export { type FoundPaymentUrl, findPaymentUrl, paymentUrlFieldCandidates } from './payment-url.js';
export type { CallOptions } from './pipeline.js';
export { defaultRedactedFields, REDACTED, redactPayload } from './redact.js';
export type { RetryOptions } from './retry.js';
export {
  isConnectionNotEstablished,
  RequestNotSentError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
  TransportTimeoutError,
} from './transport.js';
export type * from './types.js';
export type { WireNumber } from './wire-json.js';

/** Creates a client. Without a `transport` option this entry uses {@link fetchTransport}. */
export function createClient(options: ClientOptions): EtClient {
  return createClientWithDefaultTransport(options, () => fetchTransport());
}
