export type { SandboxClock, TimeSource } from './clock';
export { type SandboxStatusCode, sandboxServerTypes, sandboxStatusCodes } from './codes';
export type { SandboxMerchant, SandboxMerchantInput } from './config';
export { SandboxApiError, SandboxStateError } from './errors';
export type { SandboxFault } from './faults';
export type { PemKeyPair } from './keys';
export { unpaidOrderLifetimeMs } from './lifecycle';
export { maxDeliveries, notificationResendOffsetsMs } from './notifications';
export { maxAttachmentsPerType } from './operations/upload-attachment';
export { defaultRates, type RateTableInput } from './rates';
export { createSandbox, type Sandbox, type SandboxOptions } from './sandbox';
export type {
  AttachmentRecord,
  DeliveryAttempt,
  DeliveryRecord,
  NotificationKind,
  OrderRecord,
  OrderStatus,
  RefundRecord,
} from './state';
export {
  SandboxConnectionError,
  type SandboxTransport,
  type SandboxTransportRequest,
  type SandboxTransportResponse,
} from './transport';
