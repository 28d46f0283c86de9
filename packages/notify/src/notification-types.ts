import type { CurrencyCode, NotifyType, OrderStatus, PayResult, RefundResult } from '@etkit/constants';
import type { NotificationRule } from '@etkit/crypto';

/** A notification's fields as text exactly as received (after the body encoding is undone), `sign` included. */
export type WireFields = Readonly<Record<string, string>>;

/**
 * An amount exactly as ET wrote it: non-negative decimal text such as `10000.00` or `120.5`. Never a binary
 * float; compare and add with a decimal library or integer minor units.
 */
export type DecimalString = string;

/** A notification time: the wire text (`YYYY-MM-DD HH:mm:ss`, Beijing time) and the instant it names. */
export interface EtDateTime {
  /** Exactly as received, e.g. `2026-11-28 10:00:00`. */
  readonly text: string;
  /** The same moment as a Date; ET's times are UTC+8 (PROTOCOL.md §8). */
  readonly instant: Date;
}

/** Which configured salt verified the notification: its position and the caller's id for it, never the salt. */
export interface SaltMatch {
  readonly saltIndex: number;
  readonly saltId: string | undefined;
}

/** The kinds of notification ET sends (PROTOCOL.md §8), plus `unknown` for kinds added after this release. */
export type NotificationKind =
  | 'payment_result'
  | 'order_status_change'
  | 'remittance_voucher'
  | 'refund_result'
  | 'unknown';

/** `{"notify_result":"OK"}`: tells ET to stop resending. */
export interface OkAcknowledgement {
  readonly notify_result: 'OK';
}

/** A refund result's acknowledgement: it carries the order id and its own MD5 `sign` (PROTOCOL.md §8). */
export interface SignedAcknowledgement {
  readonly order_id: string;
  readonly notify_result: 'OK';
  readonly sign: string;
}

export type Acknowledgement = OkAcknowledgement | SignedAcknowledgement;

/** What every kind carries. */
export interface NotificationBase {
  /** Every field as received (wire text), `sign` included. */
  readonly raw: WireFields;
  /**
   * Stable across resends of the same notification, different for a different event: see README
   * ("Idempotency key"). Store it in your inbox to process each notification once.
   */
  readonly idempotencyKey: string;
  /** Which configured salt verified it. */
  readonly verification: SaltMatch & { readonly rule: NotificationRule };
  /** The body to answer with once you have processed the notification. */
  readonly acknowledgement: Acknowledgement;
}

export interface PaymentResultNotification extends NotificationBase {
  readonly kind: 'payment_result';
  /** ET's order id. */
  readonly orderId: string;
  readonly payResult: PayResult;
  /** `payResult === 1`. */
  readonly paid: boolean;
  readonly payAmount: DecimalString;
  /** `pay_currency_code`; ET documents `RMB` as the default, which is what an absent field means. */
  readonly payCurrencyCode: CurrencyCode;
  readonly payDatetime: EtDateTime;
  /** `extend_info`, '' when absent. */
  readonly extendInfo: string;
}

export interface OrderStatusChangeNotification extends NotificationBase {
  readonly kind: 'order_status_change';
  readonly orderId: string;
  readonly notifyType: 'order_status_change';
  /** Sent as a numeric string (`"2"`), read into the constants' OrderStatus number. */
  readonly orderStatus: OrderStatus;
  readonly datetime: EtDateTime;
}

export interface RemittanceVoucherNotification extends NotificationBase {
  readonly kind: 'remittance_voucher';
  readonly orderId: string;
  /** Where to download the remittance voucher (a PDF). Fetch it promptly; treat the URL as a secret. */
  readonly remittanceVoucherUrl: string;
  readonly extendInfo: string;
}

export interface RefundResultNotification extends NotificationBase {
  readonly kind: 'refund_result';
  readonly orderId: string;
  /** The merchant's refund id, or ET's order id in the provider's "second mode". */
  readonly refundOrderId: string;
  readonly refundResult: RefundResult;
  /** `refundResult === 1`. */
  readonly refunded: boolean;
  readonly refundAmount: DecimalString;
  readonly refundDatetime: EtDateTime;
  readonly extendInfo: string;
  readonly acknowledgement: SignedAcknowledgement;
}

/** A verified notification of a kind this release does not know: all fields kept raw. */
export interface UnknownNotification extends NotificationBase {
  readonly kind: 'unknown';
  readonly orderId: string | undefined;
  readonly notifyType: NotifyType | undefined;
}

/** A verified, classified notification. Switch on `kind`. */
export type Notification =
  | PaymentResultNotification
  | OrderStatusChangeNotification
  | RemittanceVoucherNotification
  | RefundResultNotification
  | UnknownNotification;
