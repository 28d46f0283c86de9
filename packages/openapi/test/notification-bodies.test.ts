import { readFile } from 'node:fs/promises';
import { readSpecJson } from '@etkit/spec';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The webhook schemas must accept every valid notification of the shared vectors as ET sends it. A JSON body may
// carry `pay_result` and `pay_amount` as bare JSON numbers (`"pay_result":1,"pay_amount":10000.00`), a form body
// carries text: the schema of the JSON media type has to allow both.

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  required?: string[];
  properties?: Record<string, Schema>;
};

interface NotificationCase {
  kind: string;
  content_type: string;
  body: string;
  valid: boolean;
}

const packageDir = new URL('..', import.meta.url);
const document = parse(await readFile(new URL('openapi.yaml', packageDir), 'utf8'));
const schemas = document.components.schemas as Record<string, Schema>;
const { cases } = readSpecJson<{ notifications: { cases: NotificationCase[] } }>('vectors.json').notifications;

const webhookByKind: Record<string, string> = {
  payment_result: 'paymentResult',
  order_status_change: 'orderStatusChange',
  remittance_voucher: 'remittanceVoucher',
  refund_result: 'refundResult',
};

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const target = schemas[schema.$ref.replace('#/components/schemas/', '')];
  if (!target) throw new Error(`unknown ${schema.$ref}`);
  return resolve(target);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The few JSON Schema keywords the notification schemas use: enough to say whether a scalar is accepted. */
function accepts(schemaOrRef: Schema, value: unknown): boolean {
  const schema = resolve(schemaOrRef);
  if (schema.anyOf && !schema.anyOf.some((part) => accepts(part, value))) return false;
  if (schema.oneOf && schema.oneOf.filter((part) => accepts(part, value)).length !== 1) return false;
  if (schema.allOf && !schema.allOf.every((part) => accepts(part, value))) return false;
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = jsonType(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return false;
  }
  if (schema.enum && !schema.enum.includes(value)) return false;
  if ('const' in schema && schema.const !== value) return false;
  if (schema.pattern !== undefined && typeof value === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    return false;
  }
  return true;
}

function jsonBodySchema(kind: string): Schema {
  const webhook = document.webhooks[webhookByKind[kind]!];
  return resolve(webhook.post.requestBody.content['application/json'].schema);
}

describe('notification delivery as PROTOCOL.md §8 states it', () => {
  it('counts 7 deliveries in all (the first and 6 resends), not 7 resends', () => {
    const description = document.webhooks.paymentResult.post.description as string;
    expect(description).toContain('7 deliveries in all');
    expect(description).toContain('1 min, 5 min, 10 min, 30 min, 1 h and 2 h');
    expect(description).not.toMatch(/resent up to 7/i);
  });
});

describe('notification webhooks against the shared vectors', () => {
  const jsonCases = cases.filter((entry) => entry.valid && entry.content_type === 'application/json');

  it('has JSON cases with bare numbers to check', () => {
    expect(jsonCases.some((entry) => /"pay_amount":10000\.00/.test(entry.body))).toBe(true);
  });

  it.each(jsonCases.map((entry) => [entry.kind, entry] as const))(
    'the %s JSON body satisfies its webhook schema',
    (kind, entry) => {
      const schema = jsonBodySchema(kind);
      const body = JSON.parse(entry.body) as Record<string, unknown>;
      for (const name of schema.required ?? []) expect(body, name).toHaveProperty(name);
      for (const [name, value] of Object.entries(body)) {
        const property = schema.properties?.[name];
        if (property) expect(accepts(property, value), `${kind}.${name} = ${JSON.stringify(value)}`).toBe(true);
      }
    },
  );

  it('every form-encoded vector satisfies its webhook schema as text', () => {
    for (const entry of cases.filter((c) => c.valid && c.content_type === 'application/x-www-form-urlencoded')) {
      const schema = resolve(
        document.webhooks[webhookByKind[entry.kind]!].post.requestBody.content['application/x-www-form-urlencoded']
          .schema,
      );
      for (const [name, value] of new URLSearchParams(entry.body)) {
        const property = schema.properties?.[name];
        if (property) expect(accepts(property, value), `${entry.kind}.${name}`).toBe(true);
      }
    }
  });
});
