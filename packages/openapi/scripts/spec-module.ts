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
  /** English label of a documented server_type (the provider's, as in constants.json). */
  label?: string;
  /** Chinese label, where the provider published one. */
  labelZh?: string;
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

// What an operation's payload schemas say about their fields, gathered per operation so that SDKs need not walk
// the schemas: length limits of the request fields, personal-data fields and decimal-amount fields.
type PayloadSchemas = ReturnType<typeof collectPayloadSchemas>;

function fieldsWhere(
  payloadSchemas: PayloadSchemas,
  schemaNames: readonly (string | undefined)[],
  keep: (constraint: FieldConstraint) => boolean,
): string[] {
  const names = new Set<string>();
  for (const schemaName of schemaNames) {
    if (!schemaName) continue;
    for (const [field, constraint] of Object.entries(payloadSchemas[schemaName]!.properties)) {
      if (keep(constraint)) names.add(field);
    }
  }
  return [...names].sort();
}

function fieldLimits(payloadSchemas: PayloadSchemas, schemaNames: readonly (string | undefined)[]) {
  const limits: Record<string, number> = {};
  for (const field of fieldsWhere(payloadSchemas, schemaNames, (constraint) => constraint.maxLength !== undefined)) {
    limits[field] = Math.min(
      ...schemaNames.flatMap((schemaName) => {
        const maxLength = schemaName ? payloadSchemas[schemaName]!.properties[field]?.maxLength : undefined;
        return maxLength === undefined ? [] : [maxLength];
      }),
    );
  }
  return limits;
}

function typeOfSchema(name: string | undefined): string {
  return name ? `components['schemas']['${name}']` : 'never';
}

export function buildSpecModule(document: OpenApiDocument): string {
  const schemas = document.components.schemas;
  const operations = document['x-etkit-operations'];
  const payloadSchemas = collectPayloadSchemas(document);
  const serverTypeLabels: Array<{ value: string; en: string }> = [];
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
      fieldLimits: fieldLimits(payloadSchemas, [entry.data, entry.sensitive]),
      sensitiveFields: fieldsWhere(payloadSchemas, [entry.data, entry.sensitive], (field) => field.sensitive === true),
      decimalFields: fieldsWhere(payloadSchemas, [entry.data, entry.sensitive], (field) => field.type === 'decimal'),
      resultDecimalFields: fieldsWhere(payloadSchemas, [entry.result], (field) => field.type === 'decimal'),
    };
    if (entry.serverType !== null) {
      if (!entry.label) throw new Error(`${name}: a documented server_type needs its \`label\``);
      serverTypeLabels.push({ value: entry.serverType, en: entry.label });
    }
    typeLines.push(
      `  ${name}: {`,
      `    serverType: ${entry.serverType === null ? 'string' : `'${entry.serverType}'`};`,
      `    data: ${typeOfSchema(entry.data)};`,
      `    sensitive: ${typeOfSchema(entry.sensitive)};`,
      `    result: ${typeOfSchema(entry.result)};`,
      '  };',
    );
  }
  const documentedNames = Object.keys(operations).filter((name) => operations[name]!.serverType !== null);
  const decimalPattern = schemas.DecimalAmount?.pattern;
  if (!decimalPattern) throw new Error('DecimalAmount needs its `pattern`');
  const sensitive = collectFlaggedFields(schemas, 'x-etkit-sensitive');
  const secret = collectFlaggedFields(schemas, 'x-etkit-secret');
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  return [
    "import type { components } from './openapi.generated.js';",
    "import type { OperationInfo, PayloadSchema } from './spec-types.js';",
    '',
    '/** Every operation of `x-etkit-operations`: its server_type (null when it comes from the profile) and schemas. */',
    `export const operations = ${json(operationTable)} as const satisfies Record<string, OperationInfo>;`,
    '',
    '/** Operation names, e.g. `createOrder`. */',
    'export type OperationName = keyof typeof operations;',
    '',
    "/** Operations whose server_type the merchant's profile supplies (`profile.serverTypes`, keyed by these names). */",
    'export type ProfileOperationName = {',
    "  [N in OperationName]: (typeof operations)[N]['serverTypeFromProfile'] extends true ? N : never;",
    '}[OperationName];',
    '',
    '/** Every operation name, in the order of `x-etkit-operations`. */',
    `export const operationNames = ${json(Object.keys(operationTable))} as const satisfies readonly OperationName[];`,
    '',
    '/** The operation of each documented server_type (operations whose server_type comes from the profile are not here). */',
    `export const operationByServerType = ${json(Object.fromEntries(serverTypeLabels.map(({ value }, index) => [value, documentedNames[index]])))} as const satisfies Record<string, OperationName>;`,
    '',
    '/** A server_type the provider documented, e.g. `get_rate`. */',
    'export type DocumentedServerType = keyof typeof operationByServerType;',
    '',
    '/** The decimal-amount rule of `DecimalAmount` (a plain decimal: no exponent, no leading zeros or `+`). */',
    `export const decimalAmountPattern = ${json(decimalPattern)};`,
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

/**
 * The server_type rows of @etkit/constants (`packages/constants/src/tables/server-type.generated.ts`): the
 * documented server_types with their labels, so the constants table needs no hand-written copy of the list.
 */
export function buildServerTypeRowsModule(document: OpenApiDocument): string {
  const rows = Object.entries(document['x-etkit-operations']).flatMap(([name, entry]) => {
    if (entry.serverType === null) return [];
    if (!entry.label) throw new Error(`${name}: a documented server_type needs its \`label\``);
    return [{ value: entry.serverType, en: entry.label, zh: entry.labelZh ?? null }];
  });
  return [
    '/** The documented server_types with their labels, in the order of `x-etkit-operations` in openapi.yaml. */',
    `export const serverTypeRows = ${JSON.stringify(rows, null, 2)} as const;`,
    '',
  ].join('\n');
}
