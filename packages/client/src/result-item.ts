import { type OrderStatus, parseOrderStatus } from '@etkit/constants';
import { numbersToDecimalText, setOwnField } from './decimal.js';

/**
 * The fields the OpenAPI result schemas name (CreateOrderResult, OrderRecord, GetPaymentUrlResult), each with one
 * type whichever operation returns it. Every other field an answer carries goes to `extra`, never dropped.
 */
export interface KnownResultFields {
  /** ET's order id. */
  order_id?: string;
  /** The merchant's own order number. */
  merchant_order_id?: string;
  /** Order status (@etkit/constants), whether ET sent it as a number (`0`) or as numeric text (`'0'`). */
  order_status?: OrderStatus;
  /** The payment URL (get payment URL; the field name is UNKNOWN in ET's docs: see `payUrl` on the result). */
  pay_url?: string;
}

/**
 * A value of a field the documents do not type, as ET sent it: numbers as their exact decimal text (`'10000.00'`,
 * amounts and rates never pass through a binary float), dates and other text as ET's text, lists and objects
 * likewise.
 */
export type ExtraValue = string | boolean | null | ExtraValue[] | { [name: string]: ExtraValue };

/** One item of a result: the typed fields, and everything else in `extra`. */
export interface ResultItem extends KnownResultFields {
  /**
   * Fields the OpenAPI document does not type (amounts, dates, …), by wire name, numbers as decimal text. A known
   * field whose value does not fit its type (an `order_status` outside the table) is kept here too, under its name.
   * An item that is not an object is kept whole under `value`.
   */
  extra: Record<string, ExtraValue>;
}

type FieldReader = (value: unknown) => string | OrderStatus | undefined;

const text: FieldReader = (value) => (typeof value === 'string' ? value : undefined);

const orderStatus: FieldReader = (value) => {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  try {
    return parseOrderStatus(value);
  } catch {
    return undefined;
  }
};

/** Every typed field and how its wire value is read; `undefined` means "does not fit: keep it in extra". */
export const knownResultFieldReaders: Readonly<Record<keyof KnownResultFields, FieldReader>> = {
  order_id: text,
  merchant_order_id: text,
  order_status: orderStatus,
  pay_url: text,
};

/**
 * Reads one decoded answer item into a {@link ResultItem}: numbers become their decimal text first (so a field is
 * read the same whether ET sent `0` or `"0"`), then each known field is typed and the rest kept in `extra`.
 */
export function toResultItem(raw: unknown): ResultItem {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { extra: { value: numbersToDecimalText(raw, noFields) as ExtraValue } };
  }
  const item: ResultItem = { extra: {} };
  const typed = item as unknown as Record<string, unknown>;
  for (const [name, wire] of Object.entries(raw)) {
    const value = numbersToDecimalText(wire, noFields) as ExtraValue;
    const reader = Object.hasOwn(knownResultFieldReaders, name)
      ? knownResultFieldReaders[name as keyof KnownResultFields]
      : undefined;
    const read = reader?.(value);
    if (read === undefined) setOwnField(item.extra, name, value);
    else typed[name] = read;
  }
  return item;
}

const noFields: ReadonlySet<string> = new Set();
