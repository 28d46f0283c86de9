/**
 * @etkit/notify/testing: build notifications exactly as ET would send them, correctly signed (or broken on
 * purpose), in any of ET's three body encodings, to test your own notification endpoint.
 * @packageDocumentation
 */
import { type NotificationRule, signNotification } from '@etkit/crypto';
import type { NotificationEncoding } from './content-type.js';

export type { NotificationEncoding } from './content-type.js';

export type SampleKind = 'payment_result' | 'order_status_change' | 'remittance_voucher' | 'refund_result';

/** How to break a notification: each must make verification (or parsing) fail. */
export type Tamper =
  | 'bad-sign' // a sign that is well-formed hex but wrong
  | 'missing-sign' // no sign field at all
  | 'reformat-amount' // the amount re-written with the same value but other text (`10000.00` → `10000`)
  | { readonly field: string; readonly value: string | undefined }; // a field changed, added or (undefined) removed after signing

export interface BuildNotificationOptions {
  /** The salt to sign with (your test salt). */
  salt: string;
  /** A sample of this kind, overridden and extended by `fields`. Default 'payment_result'. */
  kind?: SampleKind;
  /** Field values (wire text). With `kind: undefined` and `fields`, only these fields are sent. */
  fields?: Readonly<Record<string, string>>;
  /** Body encoding. Default 'form'. */
  encoding?: NotificationEncoding;
  /** In JSON, write number-like fields as bare JSON numbers (`"pay_amount":10000.00`) as ET's JSON may. */
  jsonNumbers?: boolean;
  /** 'v2' (default) or the legacy 'v1' rule. */
  rule?: NotificationRule;
  tamper?: Tamper;
  /** Multipart boundary; default a fixed one. */
  boundary?: string;
}

export interface BuiltNotification {
  /** The body text; send it untouched. */
  body: string;
  /** The Content-Type header to send with it. */
  contentType: string;
  /** The fields as they appear in the body (after any tampering), `sign` included unless removed. */
  fields: Record<string, string>;
}

/** Realistic fields of each kind (PROTOCOL.md §8), without `sign`. */
export function sampleFields(
  kind: SampleKind,
  overrides: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const orderId = overrides['order_id'] ?? 'ET2026112800000001';
  const samples: Record<SampleKind, Record<string, string>> = {
    payment_result: {
      order_id: orderId,
      pay_result: '1',
      pay_amount: '10000.00',
      pay_currency_code: 'RMB',
      pay_datetime: '2026-11-28 10:00:00',
      extend_info: '',
    },
    order_status_change: {
      notify_type: 'order_status_change',
      order_id: orderId,
      datetime: '2026-11-28 10:05:00',
      order_status: '2',
    },
    remittance_voucher: {
      order_id: orderId,
      remittance_voucher_url: `https://static.example.test/v/${orderId}.pdf`,
      extend_info: '',
    },
    refund_result: {
      order_id: orderId,
      refund_order_id: 'R-7',
      refund_result: '1',
      refund_amount: '120.50',
      refund_datetime: '2026-11-29 09:00:00',
      extend_info: '',
    },
  };
  return { ...samples[kind], ...overrides };
}

/** A notification body signed with `salt` (then broken as `tamper` says), ready to POST. */
export function buildNotification(options: BuildNotificationOptions): BuiltNotification {
  const { salt, encoding = 'form', rule = 'v2', tamper } = options;
  const base =
    options.kind === undefined && options.fields !== undefined
      ? { ...options.fields }
      : sampleFields(options.kind ?? 'payment_result', options.fields);
  delete base['sign'];
  const fields: Record<string, string> = { ...base, sign: signNotification(base, salt, { rule }) };

  if (tamper === 'bad-sign') {
    const sign = fields['sign']!;
    fields['sign'] = (sign[0] === '0' ? '1' : '0') + sign.slice(1);
  } else if (tamper === 'missing-sign') {
    delete fields['sign'];
  } else if (tamper === 'reformat-amount') {
    const name = ['pay_amount', 'refund_amount'].find((candidate) => fields[candidate] !== undefined);
    if (name === undefined) throw new TypeError("tamper 'reformat-amount' needs a pay_amount or refund_amount field");
    fields[name] = reformatDecimal(fields[name]!);
  } else if (tamper !== undefined) {
    if (tamper.value === undefined) delete fields[tamper.field];
    else fields[tamper.field] = tamper.value;
  }
  return { ...encode(fields, encoding, options), fields };
}

/** The same number written differently: `10000.00` → `10000`, `120.5` → `120.50`, `7` → `7.00`. */
export function reformatDecimal(text: string): string {
  if (!text.includes('.')) return `${text}.00`;
  const trimmed = text.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed !== text ? trimmed : `${text}0`;
}

const DEFAULT_BOUNDARY = '----etkit-notify-boundary-7MA4YWxkTrZu0gW';
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

function encode(
  fields: Record<string, string>,
  encoding: NotificationEncoding,
  options: BuildNotificationOptions,
): { body: string; contentType: string } {
  switch (encoding) {
    case 'json': {
      const members = Object.entries(fields).map(([name, value]) => {
        const bare = options.jsonNumbers === true && name !== 'sign' && JSON_NUMBER.test(value);
        return `${JSON.stringify(name)}:${bare ? value : JSON.stringify(value)}`;
      });
      return { body: `{${members.join(',')}}`, contentType: 'application/json' };
    }
    case 'form':
      return {
        body: new URLSearchParams(Object.entries(fields)).toString(),
        contentType: 'application/x-www-form-urlencoded',
      };
    case 'multipart': {
      const boundary = options.boundary ?? DEFAULT_BOUNDARY;
      const parts = Object.entries(fields).map(
        ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      );
      return {
        body: `${parts.join('')}--${boundary}--\r\n`,
        contentType: `multipart/form-data; boundary=${boundary}`,
      };
    }
  }
}
