// Compile-time proofs (checked by `tsc --noEmit` over test/, which `pnpm typecheck` runs) that the client's inputs
// and outputs are typed from the OpenAPI document; the runtime assertions keep vitest honest.
import type { AttachmentType, OrderStatus } from '@etkit/constants';
import type {
  SchemaAttachmentType,
  SchemaCreateOrderResult,
  SchemaGetPaymentUrlData,
  SchemaOrderRecord,
} from '@etkit/openapi';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ApiError,
  type BatchQueryOrdersResult,
  type CreateOrderInput,
  type CreateOrderResult,
  type EtClient,
  type EtkitClientError,
  type ExtraValue,
  type GetPaymentUrlInput,
  type GetPaymentUrlResult,
  isEtkitClientError,
  type ResultItem,
  type UploadAttachmentInput,
} from '../src/index.js';

describe('types from the OpenAPI document', () => {
  it('type inputs from the generated payload schemas', () => {
    expectTypeOf<GetPaymentUrlInput['order_id']>().toEqualTypeOf<SchemaGetPaymentUrlData['order_id']>();
    expectTypeOf<CreateOrderInput['merchant_order_id']>().toEqualTypeOf<string>();
    expectTypeOf<CreateOrderInput['tuituon']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CreateOrderInput['tuition']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<UploadAttachmentInput['attachment_type']>().toEqualTypeOf<AttachmentType>();
    expectTypeOf<AttachmentType>().toEqualTypeOf<SchemaAttachmentType>();
    expectTypeOf<UploadAttachmentInput['file']>().toEqualTypeOf<Uint8Array | Blob>();
    expectTypeOf<Parameters<EtClient['createOrder']>[0]>().toEqualTypeOf<CreateOrderInput>();

    const ok: CreateOrderInput = { merchant_order_id: 'M', tuituon: '130.00', extraFields: { funding_source: 1 } };
    // @ts-expect-error a misspelt field name does not compile
    const misspelt: CreateOrderInput = { merchant_order_id: 'M', student_emial: 'x' };
    // @ts-expect-error amounts are decimal strings, never numbers
    const floatAmount: CreateOrderInput = { merchant_order_id: 'M', tuituon: 130.5 };
    // @ts-expect-error merchant_order_id is required
    const missing: CreateOrderInput = { name_ch: '测试' };
    // @ts-expect-error get payment URL needs order_id
    const noOrder: GetPaymentUrlInput = { back_jump_url: 'https://x.test' };
    const file = new Uint8Array();
    // @ts-expect-error attachment_type comes from the constant table
    const badType: UploadAttachmentInput = { order_id: 'E', attachment_type: 8, file_name: 'a', file };
    // @ts-expect-error the client base64-encodes the file itself
    const noBase64: UploadAttachmentInput = { order_id: 'E', attachment_type: 1, file_name: 'a', base64: 'AA==' };
    expect([ok, misspelt, floatAmount, missing, noOrder, badType, noBase64]).toHaveLength(7);
  });

  it('narrow errors by code', () => {
    const error: unknown = new ApiError({ statusCode: '200003', message: 'm', returnInfo: '', verified: true }, {});
    if (isEtkitClientError(error, 'API_ERROR')) expectTypeOf(error.statusCode).toEqualTypeOf<string>();
    if (isEtkitClientError(error, 'VALIDATION')) expectTypeOf(error.field).toEqualTypeOf<string>();
    if (isEtkitClientError(error, 'CONFIG')) expectTypeOf(error).toEqualTypeOf<EtkitClientError>();
    expect(isEtkitClientError(error, 'API_ERROR')).toBe(true);
    expect(isEtkitClientError(error, 'VALIDATION')).toBe(false);
  });

  it('type outputs from the generated result schemas: one type per field, whichever operation returns it', () => {
    expectTypeOf<CreateOrderResult['items'][number]>().toEqualTypeOf<ResultItem>();
    expectTypeOf<CreateOrderResult['orderId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<BatchQueryOrdersResult['items'][number]>().toEqualTypeOf<ResultItem>();
    expectTypeOf<ResultItem['order_status']>().toEqualTypeOf<SchemaOrderRecord['order_status']>();
    expectTypeOf<ResultItem['order_status']>().toEqualTypeOf<OrderStatus | undefined>();
    expectTypeOf<ResultItem['order_id']>().toEqualTypeOf<SchemaCreateOrderResult['order_id']>();
    expectTypeOf<ResultItem['extra']>().toEqualTypeOf<Record<string, ExtraValue>>();
    // no index signature: a field the documents do not type is not readable at the top level
    // @ts-expect-error pay_amount is in extra
    expect((undefined as unknown as ResultItem | undefined)?.pay_amount).toBeUndefined();
    expectTypeOf<SchemaOrderRecord['order_status']>().toEqualTypeOf<0 | 1 | 2 | 3 | 4 | -1 | -2 | -3 | undefined>();
    expectTypeOf<GetPaymentUrlResult['payUrl']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ReturnType<EtClient['getPaymentUrl']>>().toEqualTypeOf<Promise<GetPaymentUrlResult>>();
  });
});
