import type { AttachmentType } from '@etkit/constants';
import type {
  SchemaCreateOrderSensitive,
  SchemaGetPaymentUrlData,
  SchemaOpenPayload,
  SchemaRedirectOrderSensitive,
  SchemaUploadAttachmentData,
} from '@etkit/openapi';
import type { ResultItem } from './result-item.js';

export type { ExtraValue, KnownResultFields, ResultItem } from './result-item.js';

/**
 * The documented fields of a generated payload type, without its `[key: string]: unknown` index signature, so a
 * misspelt field name fails to compile. Fields the public docs do not show go in `extraFields`.
 */
export type KnownFields<T> = {
  [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K];
};

/** Fields your ET account uses that the public documentation does not show; sent as given, next to the typed ones. */
export interface ExtraFields {
  extraFields?: Record<string, unknown>;
}

/** Create order: every field travels encrypted. Pass the tuition as `tuituon` or `tuition`; the profile's
 * `tuitionFieldName` decides the wire name. Amounts are decimal strings (`'130.00'`). */
export type CreateOrderInput = KnownFields<SchemaCreateOrderSensitive> & ExtraFields;

/** Redirect-to-ET order: fields travel encrypted. */
export type RedirectOrderInput = KnownFields<SchemaRedirectOrderSensitive> & ExtraFields;

/** Upload attachment: give the file's bytes; the client base64-encodes them into `base64`. */
export type UploadAttachmentInput = Omit<KnownFields<SchemaUploadAttachmentData>, 'base64' | 'attachment_type'> &
  ExtraFields & {
    attachment_type: AttachmentType;
    file: Uint8Array | Blob;
  };

/** Get payment URL. */
export type GetPaymentUrlInput = KnownFields<SchemaGetPaymentUrlData> & ExtraFields;

/** Operations whose request fields the public docs do not show: open plaintext and encrypted payloads. */
export interface OpenInput {
  /** Plaintext fields, sent as the envelope's `data` JSON text. */
  data?: SchemaOpenPayload;
  /** Fields sent encrypted in `sensitive_data`. */
  sensitive?: SchemaOpenPayload;
}

/** Generic call of any server_type. */
export interface GenericCallInput extends OpenInput {
  /**
   * Whether the operation is a read that may safely run twice. Default false: a call that may have reached ET is
   * never retried automatically.
   */
  idempotent?: boolean;
}

/** What every call returns besides its items: safe metadata of the verified response. */
export interface ResponseMeta {
  /** Serial number of the attempt that succeeded. */
  serialNumber: string;
  attempts: number;
  statusCode: string;
  message: string;
  /** ET's `count`: the number of items in `data` (PROTOCOL.md §3), not of the decrypted records. */
  count: number;
  returnInfo: string;
  extendInfo: string;
  /** Always true on success (a success body must be signed). */
  verified: boolean;
}

/**
 * A result whose items come from the response's `data` and/or decrypted `sensitive_data` lists. Every operation
 * gives the same field the same type: `order_status` an `OrderStatus`, ids and URLs text; the fields the OpenAPI
 * document does not type are in each item's `extra`, numbers (amounts, rates) as their exact decimal text.
 */
export interface OperationResult<TItem = ResultItem> extends ResponseMeta {
  items: TItem[];
}

export type CreateOrderResult = OperationResult & {
  /** The new ET order id, when the response carries `order_id`. */
  orderId: string | undefined;
};

export type GetPaymentUrlResult = OperationResult & {
  /** The payment URL, read tolerantly (see README); undefined when no candidate field held an http(s) URL. */
  payUrl: string | undefined;
  /** The field it was read from, e.g. `pay_url`. */
  payUrlField: string | undefined;
};

export type BatchQueryOrdersResult = OperationResult;
export type GetRateResult = OperationResult;
export type OpenOperationResult = OperationResult;

/** The generic call returns the opened response as decoded (lossless JSON: non-round-trip numbers as text). */
export interface GenericCallResult extends ResponseMeta {
  /** The opened `data`, numbers as decimal text (a documented server_type keeps its integer codes as numbers). */
  data: unknown;
  /** The decrypted `sensitive_data`, numbers as for `data`. */
  sensitive: unknown;
}
