// The sandbox's operations are keyed from the registry of @etkit/openapi: one server_type and one handler per
// operation, ET's documented server_type where there is one.
import { operationNames, operations as registry, operationByServerType as registryByServerType } from '@etkit/openapi';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { FieldReader } from '../src/operations/fields.js';
import { operationByServerType, operationHandlers } from '../src/operations/index.js';
import { sandboxProfileServerTypes, sandboxServerTypes } from '../src/protocol/codes.js';

describe('sandbox operations from the registry', () => {
  it('serves every operation of the registry under its documented server_type, or its own for profile-named ones', () => {
    for (const name of operationNames) {
      const expected =
        registry[name].serverType ?? sandboxProfileServerTypes[name as keyof typeof sandboxProfileServerTypes];
      expect(sandboxServerTypes[name], name).toBe(expected);
      expect(operationByServerType[expected], name).toBe(name);
    }
    expect(Object.keys(operationByServerType).sort()).toEqual(
      operationNames.map((name) => sandboxServerTypes[name]).sort(),
    );
    for (const [serverType, name] of Object.entries(registryByServerType)) {
      expect(operationByServerType[serverType]).toBe(name);
      expect(operationHandlers[name]).toBeTypeOf('function');
    }
  });

  it('keeps the old names as aliases of the registry names', () => {
    expect(sandboxServerTypes.getPayUrl).toBe(sandboxServerTypes.getPaymentUrl);
    expect(sandboxServerTypes.jumpPlaceOrder).toBe(sandboxServerTypes.redirectOrder);
  });

  it('types each server_type as its literal', () => {
    expectTypeOf(sandboxServerTypes.getRate).toEqualTypeOf<'get_rate'>();
    expectTypeOf(sandboxServerTypes.getPayUrl).toEqualTypeOf<'get_special_pay_url'>();
    expectTypeOf(sandboxServerTypes.applyRefund).toEqualTypeOf<'sandbox_apply_refund'>();
  });
});

describe('field checks from the registry', () => {
  it("reads each field's documented limit, and lets an explicit limit or the URL default stand where there is none", () => {
    const limits = registry.getPaymentUrl.fieldLimits;
    const reader = (fields: Record<string, unknown>) => new FieldReader(fields, 'get_special_pay_url', limits);
    expect(reader({ order_id: 'E'.repeat(limits.order_id) }).string('order_id')).toHaveLength(30);
    expect(() => reader({ order_id: 'E'.repeat(limits.order_id + 1) }).string('order_id')).toThrow(
      'order_id is longer than 30 characters',
    );
    expect(() => reader({ appid: 'a'.repeat(101) }).string('appid')).toThrow('appid is longer than 100');
    expect(() => reader({ other: 'abc' }).string('other', { max: 2 })).toThrow('other is longer than 2');
    const longUrl = `https://x.test/${'p'.repeat(490)}`;
    expect(() => reader({ notify_url: longUrl }).url('notify_url')).toThrow('notify_url is longer than 500');
    expect(() => new FieldReader({ some_url: longUrl }, 'x').url('some_url')).toThrow('some_url is longer than 500');
  });
});
