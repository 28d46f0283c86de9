/**
 * @etkit/notify: parse, verify and classify EasyTransfer notifications; acknowledgements; an inbox interface
 * for processing each notification once. Portable: runs on Node ≥ 20, Deno, Bun and Workers.
 * Adapters: `@etkit/notify/express`, `@etkit/notify/fetch` and `createRawBodyHandler` here; test helpers:
 * `@etkit/notify/testing`.
 * @packageDocumentation
 */

export { OK_ACKNOWLEDGEMENT, signedAcknowledgement } from './acknowledgement.js';
export { DEFAULT_MAX_BODY_BYTES, parseNotificationBody, type RawBody } from './body/parse-body.js';
export { bodyNotRawAdvice, NOTIFICATION_FRAMEWORKS, type NotificationFramework } from './body-not-raw-advice.js';
export { type ClassifiedNotification, classifyFields, kindOf } from './classify.js';
export type { NotificationEncoding } from './content-type.js';
export {
  createDeliveryProcessor,
  type Delivery,
  type DeliveryAnswer,
  type DeliveryFailure,
  type DeliveryFailureCode,
  httpStatusOf,
  type NotificationHandlerOptions,
} from './delivery.js';
export {
  type AmbiguousNotification,
  BODY_NOT_RAW_MESSAGE,
  isNotificationError,
  type KeptBody,
  NotificationError,
  type NotificationErrorCode,
  type VerifiedButUnreadable,
} from './errors.js';
export { ET_UTC_OFFSET_MINUTES } from './field-types.js';
export { ambiguousKeyOf, idempotencyKeyOf } from './idempotency-key.js';
export { type ClaimResult, createMemoryInbox, type Inbox, type MemoryInboxOptions } from './inbox.js';
export type {
  Acknowledgement,
  DecimalString,
  EtDateTime,
  Notification,
  NotificationBase,
  NotificationKind,
  OkAcknowledgement,
  OrderStatusChangeNotification,
  PaymentResultNotification,
  RefundResultNotification,
  RemittanceVoucherNotification,
  SaltMatch,
  SignedAcknowledgement,
  UnknownNotification,
  WireFields,
} from './notification-types.js';
export {
  createNotificationVerifier,
  type NotificationVerifier,
  openNotification,
  type RawNotification,
  type VerifierOptions,
} from './open-notification.js';
export { createRawBodyHandler, type RawBodyRequest } from './raw-body-handler.js';
export type { SaltInput, SaltOptions } from './salts.js';
