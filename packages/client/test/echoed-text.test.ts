import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClient, ValidationError } from '../src/index.js';
import { encodePayload } from '../src/payload.js';
import { clientKeys, merchant } from './helpers/keys.js';

// ET echoes extend_info into payment, refund and voucher notifications, whose MD5 string joins `name=value` with
// `&` unescaped: `&name=` there reads as another field. The client refuses it before anything is sent.
const context = { operation: 'createOrder', serverType: 'add_special_rent_order' };
const piece = fc.constantFrom('a', ' ', '&', '=', '5', 'order_id', 'pay_result', '_', '学', '?', 'Z');
const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

describe('text ET echoes into notifications', () => {
  it('extend_info is refused exactly when it holds & then a field name then =, in data and sensitive', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('data', 'sensitive'), (value, where) => {
        const schema = where === 'data' ? 'OpenPayload' : 'CreateOrderSensitive';
        const encode = () => encodePayload(schema, { merchant_order_id: 'M', extend_info: value }, where, context);
        if (/&[A-Za-z0-9_]+=/.test(value)) {
          expect(encode).toThrow(ValidationError);
          expect(() => encode()).toThrow(
            expect.objectContaining({ code: 'VALIDATION', rule: 'echoed', field: `${where}.extend_info` }),
          );
        } else {
          expect(encode().extend_info).toBe(value);
        }
      }),
    );
  });

  it('keeps the text genuine notes and URLs carry', () => {
    for (const value of ['room 4 & 5, ref=77', 'Tom & Jerry', 'a&b', '&', 'x=1', '?a=1& b=2']) {
      expect(encodePayload('OpenPayload', { extend_info: value }, 'data', context).extend_info).toBe(value);
    }
  });

  it('the message says why and never quotes the value', () => {
    const value = 'note&order_id=ET-VICTIM&pay_result=1';
    let error: unknown;
    try {
      encodePayload('OpenPayload', { extend_info: value }, 'data', context);
    } catch (caught) {
      error = caught;
    }
    expect((error as Error).message).toMatch(/echoes it into notifications/);
    expect((error as Error).message).not.toContain('ET-VICTIM');
  });

  it('refund_order_id may hold no & at all', () => {
    expect(() => encodePayload('OpenPayload', { refund_order_id: 'R-1&x' }, 'data', context)).toThrow(
      expect.objectContaining({ rule: 'echoed' }),
    );
    expect(encodePayload('OpenPayload', { refund_order_id: 'R-1' }, 'data', context).refund_order_id).toBe('R-1');
  });

  it('the envelope extendInfo option is checked before anything is sent', async () => {
    let sent = 0;
    const client = createClient({
      environment: 'http://127.0.0.1:9/server',
      ...merchant,
      keys: clientKeys,
      transport: async () => {
        sent++;
        throw new Error('not reached');
      },
    });
    await expect(client.call('get_rate', { data: {} }, { extendInfo: 'x&order_id=ET-1' })).rejects.toMatchObject({
      code: 'VALIDATION',
      rule: 'echoed',
      field: 'extendInfo',
    });
    expect(sent).toBe(0);
  });
});
