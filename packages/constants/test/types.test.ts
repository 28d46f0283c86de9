import { describe, expectTypeOf, it } from 'vitest';
import {
  type AttachmentType,
  type CountryCode,
  type CurrencyCode,
  type FeeType,
  type Gender,
  type IdType,
  isKnownServerType,
  type KnownCountryCode,
  type KnownGender,
  type KnownServerType,
  type NotifyResult,
  type OrderStatus,
  orderStatusLabel,
  type PayResult,
  parseFeeType,
  parseOrderStatus,
  type RefundResult,
  type ServerType,
  type StatusCode,
  serverTypeLabel,
} from '../src/index.js';

// Checked by `tsc --noEmit` (pnpm typecheck): each @ts-expect-error must be an error, or the build fails.
describe('types', () => {
  it('complete tables are closed unions', () => {
    expectTypeOf<OrderStatus>().toEqualTypeOf<0 | 1 | 2 | 3 | 4 | -1 | -2 | -3>();
    expectTypeOf<PayResult>().toEqualTypeOf<0 | 1>();
    expectTypeOf<RefundResult>().toEqualTypeOf<0 | 1>();
    expectTypeOf<NotifyResult>().toEqualTypeOf<'OK'>();
    expectTypeOf<AttachmentType>().toEqualTypeOf<1 | 2 | 3 | 4 | 5 | 6 | 7 | 164 | 170 | 171 | 172 | 178 | 250>();

    // @ts-expect-error 5 is not an order status
    const notAStatus: OrderStatus = 5;
    // @ts-expect-error order statuses are numbers, not their text
    const text: OrderStatus = '1';
    // @ts-expect-error the acknowledgement is exactly "OK"
    const ack: NotifyResult = 'ok';
    // @ts-expect-error 8 is not an attachment type
    const attachment: AttachmentType = 8;
    void [notAStatus, text, ack, attachment];
  });

  it('partial tables name the known values and accept any value of the wire type', () => {
    expectTypeOf<KnownServerType>().toEqualTypeOf<
      | 'add_special_rent_order'
      | 'upload_attachment'
      | 'get_special_pay_url'
      | 'batch_special_query_order_info'
      | 'get_rate'
      | 'merchant_jump_place_order'
    >();
    expectTypeOf<'some_future_operation'>().toExtend<ServerType>();
    expectTypeOf<'999999'>().toExtend<StatusCode>();
    expectTypeOf<'BRA'>().toExtend<CountryCode>();
    expectTypeOf<'GBR'>().toExtend<KnownCountryCode>();
    expectTypeOf<'EUR'>().toExtend<CurrencyCode>();
    expectTypeOf<12>().toExtend<FeeType>();
    expectTypeOf<ServerType>().toEqualTypeOf<KnownServerType | (string & {})>();

    // @ts-expect-error open string tables still take strings only
    const wrongWireType: ServerType = 1;
    // @ts-expect-error open int tables still take numbers only
    const wrongFee: FeeType = '7';
    void [wrongWireType, wrongFee];
  });

  it('tables without published values or wire type', () => {
    expectTypeOf<KnownGender>().toBeNever();
    expectTypeOf<Gender>().toEqualTypeOf<string | number>();
    expectTypeOf<IdType>().toEqualTypeOf<number>();
  });

  it('functions keep the literal types', () => {
    expectTypeOf(parseOrderStatus).returns.toEqualTypeOf<OrderStatus>();
    expectTypeOf(parseFeeType).returns.toEqualTypeOf<FeeType>();
    expectTypeOf(orderStatusLabel(1)).toEqualTypeOf<string>();
    expectTypeOf(orderStatusLabel(42)).toEqualTypeOf<string | undefined>();
    expectTypeOf(serverTypeLabel('get_rate', 'zh')).toEqualTypeOf<string>();
    const wire: string = 'get_rate';
    if (isKnownServerType(wire)) expectTypeOf(wire).toEqualTypeOf<KnownServerType>();
  });
});
