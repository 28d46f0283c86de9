export type { SandboxMerchant, SandboxMerchantInput } from './accounts/merchant-config.js';
export type { PemKeyPair } from './accounts/pem-keys.js';
export { SandboxApiError, SandboxStateError } from './errors.js';
export type { SandboxFault } from './faults.js';
export { maxAttachmentsPerType } from './operations/upload-attachment.js';
export {
  type SandboxStatusCode,
  sandboxProfileServerTypes,
  sandboxServerTypes,
  sandboxStatusCodes,
} from './protocol/codes.js';
export { createSandbox, type Sandbox, type SandboxOptions } from './sandbox.js';
export {
  SandboxConnectionError,
  type SandboxTransport,
  type SandboxTransportRequest,
  type SandboxTransportResponse,
} from './serve/in-process-transport.js';
export type { SandboxClock, TimeSource } from './world/clock.js';
export { unpaidOrderLifetimeMs } from './world/lifecycle.js';
export { maxDeliveries, notificationResendOffsetsMs } from './world/notifications.js';
export { defaultRates, type RateTableInput } from './world/rate-table.js';
export type {
  AttachmentRecord,
  DeliveryAttempt,
  DeliveryRecord,
  NotificationKind,
  OrderRecord,
  OrderStatus,
  RefundRecord,
} from './world/state.js';
