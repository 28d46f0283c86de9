import { readFile } from 'node:fs/promises';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parse } from 'yaml';
import {
  decimalAmountPattern,
  type OperationName,
  type OperationTypes,
  operationByServerType,
  operationNames,
  operations,
  payloadSchemas,
  type SchemaCreateOrderSensitive,
  type SchemaGetPaymentUrlData,
  type SchemaGetPaymentUrlEnvelope,
  type SchemaKnownRequestEnvelope,
  type SchemaRequestEnvelope,
  secretFieldNames,
  sensitiveFieldNames,
  type webhooks,
} from '../src/index.js';

const packageDir = new URL('..', import.meta.url);
const yamlDocument = parse(await readFile(new URL('openapi.yaml', packageDir), 'utf8'));

describe('openapi.yaml', () => {
  it('is OpenAPI 3.1 with one POST /server operation and the four notification webhooks', () => {
    expect(yamlDocument.openapi).toBe('3.1.0');
    expect(Object.keys(yamlDocument.paths)).toEqual(['/server']);
    expect(Object.keys(yamlDocument.paths['/server'])).toEqual(['post']);
    expect(Object.keys(yamlDocument.webhooks).sort()).toEqual([
      'orderStatusChange',
      'paymentResult',
      'refundResult',
      'remittanceVoucher',
    ]);
  });

  it('ships a JSON copy identical to the YAML', async () => {
    const json = JSON.parse(await readFile(new URL('openapi.json', packageDir), 'utf8'));
    expect(json).toEqual(yamlDocument);
  });

  it('maps every documented server_type through the discriminator, and only those', () => {
    const mapping = yamlDocument.components.schemas.KnownRequestEnvelope.discriminator.mapping;
    const documented = Object.values(operations)
      .map((operation) => operation.serverType)
      .filter((serverType) => serverType !== null)
      .sort();
    expect(Object.keys(mapping).sort()).toEqual(documented);
    expect(documented).toEqual([
      'add_special_rent_order',
      'batch_special_query_order_info',
      'get_rate',
      'get_special_pay_url',
      'merchant_jump_place_order',
      'upload_attachment',
    ]);
  });

  it('marks the operations with an UNKNOWN server_type and gives them open payloads', () => {
    for (const name of ['estimateAmount', 'applyRefund'] as const) {
      expect(operations[name]).toMatchObject({ serverType: null, serverTypeFromProfile: true });
      expect(payloadSchemas[operations[name].dataSchema]).toEqual({
        required: [],
        additionalProperties: true,
        properties: {},
      });
    }
  });

  it('requires of a response envelope only status_code: PROTOCOL.md §3 gives no required flags', () => {
    // The opener reads an absent message, count, data… as empty; only status_code decides success or error.
    expect(yamlDocument.components.schemas.ResponseEnvelope.required).toEqual(['status_code']);
  });

  it('says which payload fields etkit requires, since ENDPOINTS.md shows no required flags', async () => {
    const readme = await readFile(new URL('README.md', packageDir), 'utf8');
    for (const [schema, required] of Object.entries(payloadSchemas)) {
      for (const field of required.required) {
        expect(readme, `${schema}.${field} is required but the README does not say so`).toContain(`\`${field}\``);
      }
    }
    expect(payloadSchemas.UploadAttachmentData.required).toEqual([
      'order_id',
      'attachment_type',
      'base64',
      'file_name',
    ]);
    expect(readme).toMatch(/upload attachment requires[^.]*`attachment_type`,\s+`base64`\s+and\s+`file_name`/);
  });

  it('reads, retries and writes as the design requires', () => {
    const writes = Object.entries(operations)
      .filter(([, operation]) => operation.kind === 'write')
      .map(([name]) => name)
      .sort();
    expect(writes).toEqual(['applyRefund', 'createOrder', 'redirectOrder', 'uploadAttachment']);
  });
});

describe('payload constraints', () => {
  // Limits as ENDPOINTS.md lists them.
  const createOrderLimits = {
    merchant_order_id: 50,
    merchant_user_key: 200,
    country_code: 5,
    first_name_en: 50,
    middle_name_en: 50,
    last_name_en: 50,
    name_ch: 20,
    student_email: 50,
    student_address: 300,
    school_name: 200,
    apartment_name: 200,
    city_name_en: 200,
    city_name_ch: 200,
    wechat_number: 100,
    notify_url: 500,
    back_jump_url: 500,
    status_change_notify_url: 500,
  };
  const paymentUrlLimits = {
    order_id: 30,
    merchant_user_key: 200,
    notify_url: 500,
    back_jump_url: 500,
    back_page_url: 500,
    appid: 100,
  };

  it('carries every documented maximum length', () => {
    for (const [field, limit] of Object.entries(createOrderLimits)) {
      expect(payloadSchemas.CreateOrderSensitive.properties[field as 'name_ch']).toMatchObject({ maxLength: limit });
    }
    for (const [field, limit] of Object.entries(paymentUrlLimits)) {
      expect(payloadSchemas.GetPaymentUrlData.properties[field as 'appid']).toMatchObject({
        type: 'string',
        maxLength: limit,
      });
    }
  });

  it('types amounts as decimals and the attachment type as its constant table', () => {
    for (const field of ['tuituon', 'tuition', 'merchant_service_fee', 'order_tuition'] as const) {
      expect(payloadSchemas.CreateOrderSensitive.properties[field].type).toBe('decimal');
    }
    expect(payloadSchemas.UploadAttachmentData.properties.attachment_type).toEqual({
      type: 'integer',
      enum: [1, 2, 3, 4, 5, 6, 7, 164, 170, 171, 172, 178, 250],
    });
    expect(payloadSchemas.CreateOrderSensitive.properties.fee_type_list).toEqual({ type: 'array', items: 'FeeType' });
    expect(payloadSchemas.FeeType.properties.fee_type.type).toBe('integer');
  });

  it('keeps every payload open to fields the provider has not documented', () => {
    for (const schema of Object.values(payloadSchemas)) expect(schema.additionalProperties).toBe(true);
  });
});

describe('sensitive fields', () => {
  it('lists the personal data fields, derived from x-etkit-sensitive', () => {
    expect(sensitiveFieldNames).toEqual([
      'base64',
      'file_name',
      'first_name_en',
      'last_name_en',
      'middle_name_en',
      'name_ch',
      'student_address',
      'student_email',
      'student_id_number',
      'student_mobile',
      'wechat_number',
    ]);
  });

  it('agrees with the YAML flags field by field', () => {
    const flagged = new Set<string>();
    const walk = (node: unknown) => {
      if (!node || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      const properties = record.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [name, schema] of Object.entries(properties ?? {})) if (schema['x-etkit-sensitive']) flagged.add(name);
      for (const value of Object.values(record)) walk(value);
    };
    walk(yamlDocument.components);
    expect([...flagged].sort()).toEqual([...sensitiveFieldNames]);
    expect(secretFieldNames).toEqual(['aeskey', 'sensitive_data', 'sign']);
  });
});

describe('generated types', () => {
  it('types payloads from the document', () => {
    expectTypeOf<SchemaGetPaymentUrlData['order_id']>().toEqualTypeOf<string>();
    expectTypeOf<SchemaCreateOrderSensitive['merchant_order_id']>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<SchemaCreateOrderSensitive['tuituon']>>().toEqualTypeOf<string>();
    expectTypeOf<OperationTypes['getPaymentUrl']['serverType']>().toEqualTypeOf<'get_special_pay_url'>();
    expectTypeOf<OperationTypes['uploadAttachment']['sensitive']>().toBeNever();
    expectTypeOf<SchemaRequestEnvelope['server_type']>().toExtend<string>();
    type PaymentResult = webhooks['paymentResult']['post']['requestBody']['content']['application/json'];
    expectTypeOf<PaymentResult['pay_result']>().toEqualTypeOf<'1' | '0' | 1 | 0>();
    // the discriminator makes server_type narrow the envelope union
    const narrow = (envelope: SchemaKnownRequestEnvelope) =>
      envelope.server_type === 'get_special_pay_url' ? envelope : undefined;
    expectTypeOf<NonNullable<ReturnType<typeof narrow>>>().toEqualTypeOf<SchemaGetPaymentUrlEnvelope>();
    expectTypeOf<SchemaKnownRequestEnvelope['server_type']>().toEqualTypeOf<
      | 'add_special_rent_order'
      | 'upload_attachment'
      | 'get_special_pay_url'
      | 'batch_special_query_order_info'
      | 'get_rate'
      | 'merchant_jump_place_order'
    >();
    // @ts-expect-error a misspelt field is not part of the known fields
    const misspelt: Pick<SchemaGetPaymentUrlData, 'order_idd'> = {};
    expect(misspelt).toEqual({});
  });
});

// The registry read a second way, straight from the YAML: a registry that disagrees with the document fails here.
describe('the operation registry', () => {
  const entries = Object.entries(yamlDocument['x-etkit-operations'] as Record<string, Record<string, unknown>>);
  type YamlField = { maxLength?: number; $ref?: string; 'x-etkit-sensitive'?: boolean };
  const yamlSchemas = yamlDocument.components.schemas as Record<
    string,
    { pattern?: string; properties?: Record<string, YamlField> }
  >;
  const requestFieldSchemas = (entry: Record<string, unknown>) =>
    [entry.data, entry.sensitive]
      .filter((name): name is string => typeof name === 'string')
      .flatMap((name) => Object.entries(yamlSchemas[name]?.properties ?? {}));

  it('has every operation of the YAML, in its order, with its server_type, kind and schemas', () => {
    expect(operationNames).toEqual(entries.map(([name]) => name));
    for (const [name, entry] of entries) {
      expect(operations[name as OperationName]).toMatchObject({
        serverType: entry.serverType,
        kind: entry.kind,
        dataSchema: entry.data,
        sensitiveSchema: entry.sensitive ?? null,
        resultSchema: entry.result,
      });
    }
  });

  it('maps each documented server_type back to its operation, and leaves the profile-named ones out', () => {
    const documented = entries.filter(([, entry]) => entry.serverType !== null);
    expect(operationByServerType).toEqual(
      Object.fromEntries(documented.map(([name, entry]) => [entry.serverType, name])),
    );
    expect(Object.values(operationByServerType)).not.toContain('estimateAmount');
    expect(Object.values(operationByServerType)).not.toContain('applyRefund');
  });

  it("lists each operation's request field limits, personal-data fields and decimal fields as the schemas give them", () => {
    for (const [name, entry] of entries) {
      const fields = requestFieldSchemas(entry);
      const limits = Object.fromEntries(
        fields
          .filter(([, schema]) => schema.maxLength !== undefined)
          .map(([field, schema]) => [field, schema.maxLength]),
      );
      const personal = fields.filter(([, schema]) => schema['x-etkit-sensitive'] === true).map(([field]) => field);
      const decimals = fields
        .filter(([, schema]) => schema.$ref === '#/components/schemas/DecimalAmount')
        .map(([field]) => field);
      const info = operations[name as OperationName];
      expect(info.fieldLimits, name).toEqual(limits);
      expect([...info.sensitiveFields].sort(), name).toEqual([...new Set(personal)].sort());
      expect([...info.decimalFields].sort(), name).toEqual([...new Set(decimals)].sort());
    }
    expect(operations.createOrder.decimalFields).toContain('tuituon');
    expect(operations.createOrder.fieldLimits.merchant_order_id).toBe(50);
    expect(operations.createOrder.sensitiveFields).toContain('name_ch');
  });

  it('states the decimal rule of DecimalAmount', () => {
    expect(decimalAmountPattern).toBe(yamlSchemas.DecimalAmount?.pattern);
    const decimal = new RegExp(decimalAmountPattern);
    expect(['10000.00', '0', '-3', '0.5'].every((text) => decimal.test(text))).toBe(true);
    expect(['1e3', '01', '+1', '1.', ''].some((text) => decimal.test(text))).toBe(false);
  });
});
