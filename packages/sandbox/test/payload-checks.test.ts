// Every operation's payload checks run in one place, keyed from the registry of @etkit/openapi, before its handler
import { readdirSync, readFileSync } from 'node:fs';
// (src/operations/payload-checks.ts): the handlers no longer check their payloads against their schemas.
import { operationNames, payloadSchemas, operations as registry } from '@etkit/openapi';
import { describe, expect, it } from 'vitest';
import { SandboxApiError } from '../src/errors.js';
import { checkRequestPayloads, type OperationContext } from '../src/operations/index.js';
import { sandboxServerTypes, sandboxStatusCodes } from '../src/protocol/codes.js';

const context = (data: Record<string, unknown>, sensitive?: Record<string, unknown>) =>
  ({ data, sensitive }) as OperationContext;

function refusal(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(SandboxApiError);
    expect((error as SandboxApiError).statusCode).toBe(sandboxStatusCodes.fieldInvalid);
    return (error as Error).message;
  }
}

/** A value that fits a field of the schema (enough for the required-field checks). */
function sampleValue(schemaName: keyof typeof payloadSchemas, field: string): unknown {
  const constraint = (payloadSchemas[schemaName].properties as Record<string, { type: string; enum?: unknown[] }>)[
    field
  ];
  if (constraint?.enum) return constraint.enum[0];
  switch (constraint?.type) {
    case 'integer':
      return 1;
    case 'decimal':
    case 'number':
      return '10.00';
    default:
      return 'x';
  }
}

const encrypted = operationNames.filter((name) => !['OpenPayload', null].includes(registry[name].sensitiveSchema));
const plain = operationNames.filter((name) => !encrypted.includes(name));

describe('payload checks keyed from the registry', () => {
  it('covers both kinds of operation', () => {
    expect(encrypted.sort()).toEqual(['createOrder', 'redirectOrder']);
    expect(plain.length).toBe(operationNames.length - 2);
  });

  it.each(plain)('%s: each required data field is required, in data or in sensitive_data', (name) => {
    const serverType = sandboxServerTypes[name];
    const schema = registry[name].dataSchema;
    const required = payloadSchemas[schema].required as readonly string[];
    const complete = Object.fromEntries(required.map((field) => [field, sampleValue(schema, field)]));
    expect(refusal(() => checkRequestPayloads(name, serverType, context(complete)))).toBeUndefined();
    expect(refusal(() => checkRequestPayloads(name, serverType, context({}, complete)))).toBeUndefined();
    for (const field of required) {
      const { [field]: _missing, ...rest } = complete;
      expect(refusal(() => checkRequestPayloads(name, serverType, context(rest)))).toBe(
        `${serverType}: ${field} is required`,
      );
    }
  });

  it.each(encrypted)('%s: personal fields never in plaintext data; sensitive_data required and checked', (name) => {
    const serverType = sandboxServerTypes[name];
    // Redirect orders are read as orders to create: create-order's personal fields and required fields apply.
    const personal = new Set([...registry[name].sensitiveFields, ...registry.createOrder.sensitiveFields]);
    for (const field of personal) {
      expect(refusal(() => checkRequestPayloads(name, serverType, context({ [field]: 'x' }, {})))).toBe(
        `${serverType}: ${field} must be sent encrypted in sensitive_data, not in data`,
      );
    }
    expect(refusal(() => checkRequestPayloads(name, serverType, context({})))).toBe(
      `${serverType}: the order fields belong in sensitive_data`,
    );
    for (const field of payloadSchemas.CreateOrderSensitive.required as readonly string[]) {
      expect(refusal(() => checkRequestPayloads(name, serverType, context({}, {})))).toBe(
        `${serverType}: ${field} is required`,
      );
    }
    expect(
      refusal(() => checkRequestPayloads(name, serverType, context({}, { merchant_order_id: 'M-1' }))),
    ).toBeUndefined();
  });
});

describe('one place', () => {
  it('no handler checks its payload against a schema itself', () => {
    const folder = new URL('../src/operations/', import.meta.url);
    const checking = readdirSync(folder)
      .filter((file) => readFileSync(new URL(file, folder), 'utf8').includes('checkPayload('))
      .sort();
    expect(checking).toEqual(['payload-checks.ts', 'schema-check.ts']);
  });
});
