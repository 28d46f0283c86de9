// Turns openapi.yaml into src/spec.generated.ts: plain data (no YAML parsing at run time) that SDKs use to
// validate payloads, map operations to server_types and redact personal data.

type Schema = {
  $ref?: string;
  type?: string | string[];
  maxLength?: number;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  'x-etkit-sensitive'?: boolean;
  'x-etkit-secret'?: boolean;
  'x-etkit-wire-type'?: string;
  [extension: `x-${string}`]: unknown;
};

type OperationEntry = {
  serverType: string | null;
  'x-etkit-server-type-from-profile'?: boolean;
  summary: string;
  kind: 'read' | 'write';
  data: string;
  sensitive?: string;
  result: string;
  resultIn: 'data-or-sensitive' | 'sensitive';
};

export type OpenApiDocument = {
  'x-etkit-operations': Record<string, OperationEntry>;
  components: { schemas: Record<string, Schema> };
};

type FieldConstraint = {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'decimal' | 'array' | 'object';
  maxLength?: number;
  enum?: unknown[];
  items?: string;
  sensitive?: true;
};

const refPrefix = '#/components/schemas/';

function refName(ref: string): string {
  if (!ref.startsWith(refPrefix)) throw new Error(`unsupported $ref ${ref}`);
  return ref.slice(refPrefix.length);
}

function describeField(
  schema: Schema,
  schemas: Record<string, Schema>,
  pending: string[],
  where: string,
): FieldConstraint {
  const sensitive = schema['x-etkit-sensitive'] === true ? { sensitive: true as const } : {};
  if (schema.$ref) {
    const name = refName(schema.$ref);
    const target = schemas[name];
    if (!target) throw new Error(`${where}: unknown schema ${name}`);
    if (name === 'DecimalAmount') return { type: 'decimal', ...sensitive };
    if (target.type === 'object') {
      pending.push(name);
      return { type: 'object', items: name, ...sensitive };
    }
    return { ...describeField(target, schemas, pending, where), ...sensitive };
  }
  const type = schema.type;
  if (type === 'array') {
    const items = schema.items;
    if (items?.$ref) {
      const name = refName(items.$ref);
      pending.push(name);
      return { type: 'array', items: name, ...sensitive };
    }
    return { type: 'array', ...sensitive };
  }
  if (type === 'string' || type === 'integer' || type === 'number' || type === 'boolean' || type === 'object') {
    return {
      type,
      ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
      ...(schema.enum ? { enum: schema.enum } : {}),
      ...sensitive,
    };
  }
  throw new Error(`${where}: cannot describe field type ${JSON.stringify(type)}`);
}

function collectPayloadSchemas(document: OpenApiDocument) {
  const schemas = document.components.schemas;
  const pending: string[] = [];
  for (const entry of Object.values(document['x-etkit-operations'])) {
    pending.push(entry.data, entry.result);
    if (entry.sensitive) pending.push(entry.sensitive);
  }
  const out: Record<
    string,
    { required: string[]; additionalProperties: boolean; properties: Record<string, FieldConstraint> }
  > = {};
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (out[name]) continue;
    const schema = schemas[name];
    if (!schema) throw new Error(`x-etkit-operations names unknown schema ${name}`);
    const properties: Record<string, FieldConstraint> = {};
    for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
      properties[field] = describeField(fieldSchema, schemas, pending, `${name}.${field}`);
    }
    out[name] = {
      required: schema.required ?? [],
      additionalProperties: schema.additionalProperties !== false,
      properties,
    };
  }
  return out;
}

function collectFlaggedFields(schemas: Record<string, Schema>, flag: 'x-etkit-sensitive' | 'x-etkit-secret'): string[] {
  const names = new Set<string>();
  const visit = (schema: Schema | undefined) => {
    if (!schema || typeof schema !== 'object') return;
    for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
      if (fieldSchema[flag] === true) names.add(field);
      visit(fieldSchema);
    }
    for (const part of schema.allOf ?? []) visit(part);
    visit(schema.items);
  };
  for (const schema of Object.values(schemas)) visit(schema);
  return [...names].sort();
}

function typeOfSchema(name: string | undefined): string {
  return name ? `components['schemas']['${name}']` : 'never';
}

export function buildSpecModule(document: OpenApiDocument): string {
  const schemas = document.components.schemas;
  const operations = document['x-etkit-operations'];
  const operationTable: Record<string, unknown> = {};
  const typeLines: string[] = [];
  for (const [name, entry] of Object.entries(operations)) {
    const fromProfile = entry['x-etkit-server-type-from-profile'] === true;
    if (fromProfile !== (entry.serverType === null)) {
      throw new Error(`${name}: serverType null exactly when x-etkit-server-type-from-profile is true`);
    }
    operationTable[name] = {
      serverType: entry.serverType,
      serverTypeFromProfile: fromProfile,
      summary: entry.summary,
      kind: entry.kind,
      dataSchema: entry.data,
      sensitiveSchema: entry.sensitive ?? null,
      resultSchema: entry.result,
      resultIn: entry.resultIn,
    };
    typeLines.push(
      `  ${name}: {`,
      `    serverType: ${entry.serverType === null ? 'string' : `'${entry.serverType}'`};`,
      `    data: ${typeOfSchema(entry.data)};`,
      `    sensitive: ${typeOfSchema(entry.sensitive)};`,
      `    result: ${typeOfSchema(entry.result)};`,
      '  };',
    );
  }
  const payloadSchemas = collectPayloadSchemas(document);
  const sensitive = collectFlaggedFields(schemas, 'x-etkit-sensitive');
  const secret = collectFlaggedFields(schemas, 'x-etkit-secret');
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  return [
    "import type { components } from './openapi.generated';",
    "import type { OperationInfo, PayloadSchema } from './spec-types';",
    '',
    '/** Every operation of `x-etkit-operations`: its server_type (null when it comes from the profile) and schemas. */',
    `export const operations = ${json(operationTable)} as const satisfies Record<string, OperationInfo>;`,
    '',
    '/** Operation names, e.g. `createOrder`. */',
    'export type OperationName = keyof typeof operations;',
    '',
    '/** Decoded payload types of each operation (`never` where it has no sensitive payload). */',
    'export interface OperationTypes {',
    ...typeLines,
    '}',
    '',
    '/** Field constraints of every payload schema of an operation (request data/sensitive and result items). */',
    `export const payloadSchemas = ${json(payloadSchemas)} as const satisfies Record<string, PayloadSchema>;`,
    '',
    '/** Names of the schemas in `payloadSchemas`. */',
    'export type PayloadSchemaName = keyof typeof payloadSchemas;',
    '',
    '/** Field names marked `x-etkit-sensitive: true` anywhere in the document: personal data to redact. */',
    `export const sensitiveFieldNames = ${json(sensitive)} as const;`,
    '',
    '/** Envelope/notification fields marked `x-etkit-secret: true` (ciphertexts, wrapped keys, signatures). */',
    `export const secretFieldNames = ${json(secret)} as const;`,
    '',
  ].join('\n');
}
