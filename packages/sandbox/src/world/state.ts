import type { OrderStatus } from '@etkit/constants';

/** Order status values of constants.json (`order_status`), from @etkit/constants. */
export type { OrderStatus };

export interface AttachmentRecord {
  attachmentId: string;
  attachmentType: number;
  fileName: string;
  size: number;
  sha256: string;
  uploadedAt: number;
}

export interface RefundRecord {
  refundOrderId: string;
  amount: string;
  /** Status the order returns to if the refund fails. */
  previousStatus: OrderStatus;
  startedAt: number;
  result?: 'succeeded' | 'failed';
  finishedAt?: number;
}

export interface OrderRecord {
  orderId: string;
  merchantNumber: string;
  subMerchantNumber: string;
  merchantOrderId: string;
  merchantUserKey: string;
  status: OrderStatus;
  institutionName: string;
  schoolName: string;
  /** Order currency and amounts, exact decimal text. */
  currencyCode: string;
  tuition: string;
  serviceFee: string;
  serviceFeeCurrencyCode: string;
  /** What the payer pays, in `payCurrencyCode`, two decimals. */
  payCurrencyCode: string;
  payAmount: string;
  notifyUrl: string;
  backJumpUrl: string;
  statusChangeNotifyUrl: string;
  extendInfo: string;
  /** `fee_type_list` as the merchant sent it: what the payment page names the order (absent in older states). */
  feeTypes?: Array<{ feeType: number; description: string }>;
  /** Digest of the amounts and user key, to tell a retried create-order from a conflicting one. */
  fingerprint: string;
  createdAt: number;
  updatedAt: number;
  paidAt?: number;
  history: Array<{ status: OrderStatus; at: number }>;
  attachments: AttachmentRecord[];
  refunds: RefundRecord[];
}

export type NotificationKind = 'payment_result' | 'order_status_change' | 'refund_result' | 'remittance_voucher';

export interface DeliveryAttempt {
  /** Sandbox time the attempt was made. */
  at: number;
  /**
   * Its place among all this sandbox's delivery attempts (1, 2, …), so attempts made in the same millisecond
   * still show their order. Absent on attempts saved by versions before it.
   */
  sequence?: number;
  /** Sandbox time it was due on the resend schedule (with timeScale < 1 it runs early in sandbox time). */
  dueAt: number;
  outcome: 'acknowledged' | 'rejected' | 'error';
  httpStatus?: number;
  /** Short reason, never the body. */
  reason?: string;
}

export interface DeliveryRecord {
  id: string;
  merchantNumber: string;
  orderId: string;
  kind: NotificationKind;
  url: string;
  encoding: 'json' | 'form';
  /** Field values exactly as signed. */
  fields: Record<string, string>;
  /** Fields written as bare JSON numbers (their text is kept) when the encoding is JSON. */
  numericFields: string[];
  createdAt: number;
  state: 'pending' | 'held' | 'delivered' | 'gave-up';
  attempts: DeliveryAttempt[];
  nextAttemptAt?: number;
  /** Fault: sign with a wrong salt. */
  corruptSignature?: boolean;
}

export interface SandboxState {
  version: 1;
  orderSequence: number;
  deliverySequence: number;
  orders: Record<string, OrderRecord>;
  /** Serial numbers already used, per merchant number. */
  serials: Record<string, string[]>;
  deliveries: Record<string, DeliveryRecord>;
  /**
   * What `clock.advance` has added to the base time source, so sandbox time (order times, due resends) does not
   * move back on a restart. Absent in state written before it was kept: 0.
   */
  clockOffsetMs?: number;
}

export function emptyState(): SandboxState {
  return { version: 1, orderSequence: 0, deliverySequence: 0, orders: {}, serials: {}, deliveries: {} };
}
