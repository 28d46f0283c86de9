import {
  InvalidConstantError,
  type OrderStatus,
  type PayResult,
  parseOrderStatus,
  parsePayResult,
  parseRefundResult,
  type RefundResult,
} from '@etkit/constants';
import { quoteName, type WireFields } from './body/wire-fields.js';
import { NotificationError } from './errors.js';
import { readDecimal, readEtDateTime } from './field-types.js';
import type { Notification, NotificationKind } from './notification-types.js';

/** What classification adds to the fields; the caller adds `raw`, the key, verification and acknowledgement. */
/** A classified notification before verification metadata is attached: what `classifyFields` returns. */
export type ClassifiedNotification = DistributiveOmit<
  Notification,
  'raw' | 'idempotencyKey' | 'verification' | 'acknowledgement'
>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Which kind a set of fields is. ET names only the status change (`notify_type`); the others are told apart
 * by the fields PROTOCOL.md §8 lists for them. An unfamiliar `notify_type` means a kind added after this
 * release, so it is `unknown` even if its other fields look familiar.
 */
export function kindOf(fields: WireFields): NotificationKind {
  const notifyType = fields['notify_type'];
  if (notifyType !== undefined) return notifyType === 'order_status_change' ? 'order_status_change' : 'unknown';
  if (fields['refund_result'] !== undefined || fields['refund_order_id'] !== undefined) return 'refund_result';
  if (fields['pay_result'] !== undefined) return 'payment_result';
  if (fields['remittance_voucher_url'] !== undefined) return 'remittance_voucher';
  return 'unknown';
}

/** Reads the typed fields of a verified notification. Throws MALFORMED, naming the field, never its value. */
export function classifyFields(fields: WireFields): ClassifiedNotification {
  const kind = kindOf(fields);
  const read = new FieldReader(fields, kind);
  switch (kind) {
    case 'payment_result': {
      const payResult = read.constant('pay_result', parsePayResult) as PayResult;
      return {
        kind,
        orderId: read.identifier('order_id'),
        payResult,
        paid: payResult === 1,
        payAmount: readDecimal(read.required('pay_amount'), 'pay_amount'),
        payCurrencyCode: read.optionalIdentifier('pay_currency_code') ?? 'RMB',
        payDatetime: readEtDateTime(read.required('pay_datetime'), 'pay_datetime'),
        extendInfo: fields['extend_info'] ?? '',
      };
    }
    case 'order_status_change':
      return {
        kind,
        orderId: read.identifier('order_id'),
        notifyType: 'order_status_change',
        orderStatus: read.constant('order_status', parseOrderStatus) as OrderStatus,
        datetime: readEtDateTime(read.required('datetime'), 'datetime'),
      };
    case 'remittance_voucher':
      return {
        kind,
        orderId: read.identifier('order_id'),
        remittanceVoucherUrl: read.required('remittance_voucher_url'),
        extendInfo: fields['extend_info'] ?? '',
      };
    case 'refund_result': {
      const refundResult = read.constant('refund_result', parseRefundResult) as RefundResult;
      return {
        kind,
        orderId: read.identifier('order_id'),
        refundOrderId: read.identifier('refund_order_id'),
        refundResult,
        refunded: refundResult === 1,
        refundAmount: readDecimal(read.required('refund_amount'), 'refund_amount'),
        refundDatetime: readEtDateTime(read.required('refund_datetime'), 'refund_datetime'),
        extendInfo: fields['extend_info'] ?? '',
      };
    }
    case 'unknown':
      return { kind, orderId: fields['order_id'], notifyType: fields['notify_type'] };
  }
}

class FieldReader {
  constructor(
    private readonly fields: WireFields,
    private readonly kind: NotificationKind,
  ) {}

  required(name: string): string {
    const value = this.fields[name];
    if (value === undefined || value === '') {
      throw new NotificationError('MALFORMED', `A ${this.kind} notification needs the field ${quoteName(name)}`);
    }
    return value;
  }

  /**
   * An identifier or code: required, and free of `&`. The MD5 string escapes nothing, so a `&` here could only
   * come from re-cutting a signed notification into other fields under the same sign (PROTOCOL.md §8).
   */
  identifier(name: string): string {
    return this.withoutAmpersand(name, this.required(name));
  }

  /** {@link identifier} for a field that may be absent (undefined then). */
  optionalIdentifier(name: string): string | undefined {
    const value = this.fields[name];
    return value === undefined ? undefined : this.withoutAmpersand(name, value);
  }

  private withoutAmpersand(name: string, value: string): string {
    if (value.includes('&')) {
      throw new NotificationError('MALFORMED', `The field ${quoteName(name)} must not contain &`);
    }
    return value;
  }

  constant<T>(name: string, parse: (text: string) => T): T {
    const text = this.required(name);
    try {
      return parse(text);
    } catch (error) {
      // The constants error quotes the value; ours names the field only.
      if (error instanceof InvalidConstantError) {
        throw new NotificationError('MALFORMED', `The field ${name} has a value the protocol does not define`);
      }
      throw error;
    }
  }
}
