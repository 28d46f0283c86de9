export type { SandboxMerchant, SandboxMerchantInput } from './accounts/merchant-config';
export type { PemKeyPair } from './accounts/pem-keys';
export { SandboxApiError, SandboxStateError } from './errors';
export type { SandboxFault } from './faults';
export { maxAttachmentsPerType } from './operations/upload-attachment';
export { type SandboxStatusCode, sandboxServerTypes, sandboxStatusCodes } from './protocol/codes';
export { createSandbox, type Sandbox, type SandboxOptions } from './sandbox';
export {
  SandboxConnectionError,
  type SandboxTransport,
  type SandboxTransportRequest,
  type SandboxTransportResponse,
} from './serve/in-process-transport';
export type { SandboxClock, TimeSource } from './world/clock';
export { unpaidOrderLifetimeMs } from './world/lifecycle';
export { maxDeliveries, notificationResendOffsetsMs } from './world/notifications';
export { defaultRates, type RateTableInput } from './world/rate-table';
export type {
  AttachmentRecord,
  DeliveryAttempt,
  DeliveryRecord,
  NotificationKind,
  OrderRecord,
  OrderStatus,
  RefundRecord,
} from './world/state';
