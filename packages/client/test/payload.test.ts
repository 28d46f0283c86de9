import { payloadSchemas } from '@etkit/openapi';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/index.js';
import { encodePayload } from '../src/payload.js';
import { toWireJson, WireNumber } from '../src/wire-json.js';

const context = { operation: 'createOrder', serverType: 'add_special_rent_order' };
const limited = Object.entries(payloadSchemas.CreateOrderSensitive.properties).flatMap(([field, constraint]) =>
  'maxLength' in constraint ? [[field, constraint.maxLength] as const] : [],
);

describe('payload validation against the document', () => {
  it('has limited string fields to check', () => {
    expect(limited.length).toBeGreaterThanOrEqual(15);
  });

  it('accepts a string exactly when it has at most maxLength characters, and never echoes it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...limited),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 320 }),
        ([field, limit], value) => {
          const input = { merchant_order_id: 'M', [field]: value };
          const characters = [...value].length;
          if (characters <= limit) {
            expect(encodePayload('CreateOrderSensitive', input, 'sensitive', context)[field]).toBe(value);
            return;
          }
          let error: unknown;
          try {
            encodePayload('CreateOrderSensitive', input, 'sensitive', context);
          } catch (caught) {
            error = caught;
          }
          expect(error).toBeInstanceOf(ValidationError);
          expect(error).toMatchObject({ field: `sensitive.${field}`, rule: 'maxLength', limit });
          expect((error as Error).message).not.toContain(value);
        },
      ),
    );
  });

  it('turns decimal strings into JSON numbers with the same text, and passes unknown fields through', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^(0|[1-9][0-9]{0,15})(\.[0-9]{1,6})?$/),
        fc.dictionary(
          fc
            .string()
            .filter(
              (key) =>
                !(key in payloadSchemas.CreateOrderSensitive.properties) &&
                !['extend_info', 'refund_order_id'].includes(key),
            ),
          fc.jsonValue(),
        ),
        (amount, unknown) => {
          const encoded = encodePayload(
            'CreateOrderSensitive',
            { ...unknown, merchant_order_id: 'M', tuituon: amount },
            'sensitive',
            context,
          );
          expect(encoded.tuituon).toEqual(new WireNumber(amount));
          expect(toWireJson(encoded)).toContain(`"tuituon":${amount}`);
          for (const [key, value] of Object.entries(unknown)) expect(encoded[key]).toEqual(value);
        },
      ),
    );
  });
});
