import { base64Encode } from '@etkit/crypto';
import {
  type OperationName,
  operationByServerType,
  operationNames,
  operations,
  type PayloadSchema,
  type ProfileOperationName,
  payloadSchemas,
} from '@etkit/openapi';
import { type ClientOptions, type ResolvedConfig, resolveConfig } from './config.js';
import { numbersToDecimalText } from './decimal.js';
import { checkEchoedText } from './echoed-text.js';
import { type ClientErrorContext, EtkitClientError, ValidationError } from './errors.js';
import { encodePayload } from './payload.js';
import { findPaymentUrl, paymentUrlFieldCandidates } from './payment-url.js';
import { type CallOptions, type PipelineResult, type PreparedCall, runPipeline } from './pipeline.js';
import { type ResultItem, toResultItem } from './result-item.js';
import type { Transport } from './transport.js';
import type {
  BatchQueryOrdersResult,
  CreateOrderInput,
  CreateOrderResult,
  GenericCallInput,
  GenericCallResult,
  GetPaymentUrlInput,
  GetPaymentUrlResult,
  GetRateResult,
  OpenInput,
  OpenOperationResult,
  OperationResult,
  RedirectOrderInput,
  ResponseMeta,
  UploadAttachmentInput,
} from './types.js';

/** The method of an operation read without special handling: open payloads in, result items out. */
type OpenOperationMethod = (input: OpenInput, options?: CallOptions) => Promise<OpenOperationResult>;

/**
 * One method per operation of the registry (openapi.yaml's `x-etkit-operations`), named as there. An operation
 * added to the YAML gets an open method (`OpenOperationMethod`) without any code here; the ones below are typed.
 */
type RegistryMethods = { [N in Exclude<OperationName, keyof TypedMethods>]: OpenOperationMethod };

/** A client bound to one merchant account and environment. */
export interface EtClient extends TypedMethods, RegistryMethods {
  /** Any server_type: seals `data`/`sensitive`, returns the verified, decrypted response. */
  call(serverType: string, input?: GenericCallInput, options?: CallOptions): Promise<GenericCallResult>;
}

/** The operations with typed inputs and results, and their documentation. */
interface TypedMethods {
  /** `add_special_rent_order`: create an order. Never retried once it may have reached ET. */
  createOrder(input: CreateOrderInput, options?: CallOptions): Promise<CreateOrderResult>;
  /** `upload_attachment`: attach a file (at most 5 per attachment type per order). Never retried once sent. */
  uploadAttachment(input: UploadAttachmentInput, options?: CallOptions): Promise<OpenOperationResult>;
  /** `get_special_pay_url`: the payment URL of an order waiting for payment (else ApiError 200003). */
  getPaymentUrl(input: GetPaymentUrlInput, options?: CallOptions): Promise<GetPaymentUrlResult>;
  /** `batch_special_query_order_info`: order records, decrypted from the response's `sensitive_data`. */
  batchQueryOrders(input: OpenInput, options?: CallOptions): Promise<BatchQueryOrdersResult>;
  /** `get_rate`: exchange rates; numbers come back as decimal strings. */
  getRate(input: OpenInput, options?: CallOptions): Promise<GetRateResult>;
  /** `merchant_jump_place_order`: place an order by redirecting the payer to ET. Never retried once sent. */
  redirectOrder(input: RedirectOrderInput, options?: CallOptions): Promise<OpenOperationResult>;
  /** Estimate amount; server_type from `profile.serverTypes.estimateAmount`. */
  estimateAmount(input: OpenInput, options?: CallOptions): Promise<OpenOperationResult>;
  /** Apply for a refund; server_type from `profile.serverTypes.applyRefund`. Never retried once sent. */
  applyRefund(input: OpenInput, options?: CallOptions): Promise<OpenOperationResult>;
}

type SchemaName = keyof typeof payloadSchemas;

/** Builds a client; `defaultTransport` is used when the options name none (fetch, or undici on Node). */
export function createClientWithDefaultTransport(options: ClientOptions, defaultTransport: () => Transport): EtClient {
  const config = resolveConfig(options, defaultTransport);

  const prepare = (
    operation: OperationName,
    serverType: string,
    data: object | undefined,
    sensitive: object | undefined,
  ): PreparedCall => {
    const info = operations[operation];
    const context: ClientErrorContext = { operation, serverType };
    return {
      operation,
      serverType,
      kind: info.kind,
      sensitiveSchema: info.sensitiveSchema ?? 'OpenPayload',
      resultSchema: info.resultSchema,
      data: data === undefined ? undefined : encodePayload(info.dataSchema, data, 'data', context),
      sensitive:
        sensitive === undefined
          ? undefined
          : encodePayload(info.sensitiveSchema ?? 'OpenPayload', sensitive, 'sensitive', context),
    };
  };

  const send = (call: PreparedCall, options: CallOptions | undefined) => {
    if (options?.extendInfo !== undefined) {
      const context = { operation: call.operation, serverType: call.serverType };
      checkEchoedText('extend_info', options.extendInfo, 'extendInfo', context);
    }
    return runPipeline(config, call, options);
  };

  const profileServerType = (operation: ProfileOperationName): string => {
    const serverType = config.serverTypes[operation];
    if (!serverType) {
      throw new EtkitClientError(
        'CONFIG',
        `${operation} needs profile.serverTypes.${operation}: its server_type is not in ET's public documentation; ` +
          'ask ET for the value your account uses',
        { operation },
      );
    }
    return serverType;
  };

  // Open payloads in, result items out; the server_type from the registry, or from the profile.
  const openOperation = async (operation: OperationName, input: OpenInput | undefined, options?: CallOptions) => {
    const serverType = operations[operation].serverType ?? profileServerType(operation as ProfileOperationName);
    return itemsResult(await send(prepare(operation, serverType, input?.data, input?.sensitive), options), operation);
  };
  const registryMethods = Object.fromEntries(
    operationNames.map((operation): [OperationName, OpenOperationMethod] => [
      operation,
      (input, options) => openOperation(operation, input, options),
    ]),
  ) as RegistryMethods;

  return {
    ...registryMethods,
    async createOrder(input, options) {
      const call = prepare(
        'createOrder',
        operations.createOrder.serverType,
        undefined,
        createOrderFields(input, config),
      );
      const result = itemsResult(await send(call, options), 'createOrder') as CreateOrderResult;
      result.orderId = result.items.find((item) => item.order_id !== undefined)?.order_id;
      return result;
    },

    async uploadAttachment(input, options) {
      const { file, extraFields, ...fields } = input;
      const serverType = operations.uploadAttachment.serverType;
      const bytes = await fileBytes(file, { operation: 'uploadAttachment', serverType });
      const data = withExtraFields({ ...fields, base64: base64Encode(bytes) }, extraFields, 'uploadAttachment');
      return itemsResult(
        await send(prepare('uploadAttachment', serverType, data, undefined), options),
        'uploadAttachment',
      );
    },

    async getPaymentUrl(input, options) {
      const { extraFields, ...fields } = input;
      const data = withExtraFields(fields, extraFields, 'getPaymentUrl');
      const outcome = await send(
        prepare('getPaymentUrl', operations.getPaymentUrl.serverType, data, undefined),
        options,
      );
      const candidates = config.paymentUrlField ? [config.paymentUrlField] : paymentUrlFieldCandidates;
      const found = findPaymentUrl(outcome.opened.data, outcome.opened.sensitive, candidates);
      const result = itemsResult(outcome, 'getPaymentUrl') as GetPaymentUrlResult;
      result.payUrl = found?.url;
      result.payUrlField = found?.field || undefined;
      return result;
    },

    batchQueryOrders: (input, options) => openOperation('batchQueryOrders', input, options),

    getRate: (input, options) => openOperation('getRate', input, options),

    async redirectOrder(input, options) {
      const { extraFields, ...fields } = input;
      const sensitive = withExtraFields(fields, extraFields, 'redirectOrder');
      const call = prepare('redirectOrder', operations.redirectOrder.serverType, undefined, sensitive);
      return itemsResult(await send(call, options), 'redirectOrder');
    },

    estimateAmount: (input, options) => openOperation('estimateAmount', input, options),

    applyRefund: (input, options) => openOperation('applyRefund', input, options),

    async call(serverType, input = {}, options) {
      if (typeof serverType !== 'string' || serverType.trim() === '') {
        throw new EtkitClientError('CONFIG', 'call needs a non-empty server_type', { operation: 'call' });
      }
      const context: ClientErrorContext = { operation: 'call', serverType };
      // A documented server_type is checked against its schemas; any other is sent as given.
      const documentedName: OperationName | undefined = Object.hasOwn(operationByServerType, serverType)
        ? operationByServerType[serverType as keyof typeof operationByServerType]
        : undefined;
      const documented = documentedName === undefined ? undefined : operations[documentedName];
      const dataSchema = documented?.dataSchema ?? 'OpenPayload';
      const sensitiveSchema = documented?.sensitiveSchema ?? 'OpenPayload';
      const outcome = await send(
        {
          operation: 'call',
          serverType,
          kind: input.idempotent ? 'read' : 'write',
          sensitiveSchema,
          resultSchema: documented?.resultSchema ?? 'OpenResult',
          data: input.data === undefined ? undefined : encodePayload(dataSchema, input.data, 'data', context),
          sensitive:
            input.sensitive === undefined
              ? undefined
              : encodePayload(sensitiveSchema, input.sensitive, 'sensitive', context),
        },
        options,
      );
      // Numbers as decimal text, as for the typed methods; a documented server_type keeps its integer codes.
      const keepNumeric = (documentedName && integerResultFields.get(documentedName)) || noFields;
      return {
        ...responseMeta(outcome),
        data: numbersToDecimalText(outcome.opened.data, keepNumeric),
        sensitive: numbersToDecimalText(outcome.opened.sensitive, keepNumeric),
      };
    },
  };
}

// Create order: both tuition spellings accepted on input; the profile decides the wire name.
function createOrderFields(input: CreateOrderInput, config: ResolvedConfig): Record<string, unknown> {
  const context = { operation: 'createOrder', serverType: operations.createOrder.serverType };
  if (input === null || typeof input !== 'object') {
    throw new ValidationError('sensitive', 'type', 'must be an object', context);
  }
  const { extraFields, tuition, tuituon, ...fields } = input;
  if (tuition !== undefined && tuituon !== undefined && tuition !== tuituon) {
    throw new ValidationError(
      'sensitive.tuituon',
      'conflict',
      'and tuition are both given with different values',
      context,
    );
  }
  const merged = withExtraFields(fields, extraFields, 'createOrder');
  const amount = tuituon ?? tuition;
  if (amount !== undefined) merged[config.tuitionFieldName] = amount;
  return merged;
}

// `fields` is the caller's own copy (the rest of the input's destructuring): extra fields are added to it.
function withExtraFields(
  fields: object,
  extraFields: Record<string, unknown> | undefined,
  operation: string,
): Record<string, unknown> {
  const merged = fields as Record<string, unknown>;
  if (extraFields === undefined) return merged;
  for (const [name, value] of Object.entries(extraFields)) {
    if (name in merged) {
      throw new ValidationError(`extraFields.${name}`, 'conflict', 'is a documented field: pass it directly', {
        operation,
      });
    }
    merged[name] = value;
  }
  return merged;
}

async function fileBytes(file: Uint8Array | Blob, context: ClientErrorContext): Promise<Uint8Array> {
  if (file instanceof Uint8Array) return file;
  if (typeof Blob !== 'undefined' && file instanceof Blob) return new Uint8Array(await file.arrayBuffer());
  throw new ValidationError('file', 'type', 'must be a Uint8Array or a Blob', context);
}

function responseMeta(outcome: PipelineResult): ResponseMeta {
  const { opened } = outcome;
  return {
    serialNumber: outcome.serialNumber,
    attempts: outcome.attempts,
    statusCode: opened.statusCode,
    message: opened.message,
    count: opened.count,
    returnInfo: opened.returnInfo,
    extendInfo: opened.extendInfo,
    verified: opened.verified,
  };
}

const noFields: ReadonlySet<string> = new Set();

// Integer fields of each operation's result schema (e.g. order_status): kept as numbers in items.
const integerResultFields = new Map<OperationName, ReadonlySet<string>>(
  (Object.keys(operations) as OperationName[]).map((operation) => {
    const schema: PayloadSchema = payloadSchemas[operations[operation].resultSchema as SchemaName];
    const integers = Object.entries(schema.properties).filter(([, constraint]) => constraint.type === 'integer');
    return [operation, new Set(integers.map(([name]) => name))];
  }),
);

// Items of an operation's result: the typed fields read the same for every operation, the rest kept in `extra`.
// Built in place, without intermediate copies: this runs on every call.
function itemsResult(outcome: PipelineResult, operation: OperationName): OperationResult {
  const items: ResultItem[] = [];
  if (operations[operation].resultIn !== 'sensitive') addItems(items, outcome.opened.data);
  addItems(items, outcome.opened.sensitive);
  const result = responseMeta(outcome) as OperationResult;
  result.items = items;
  return result;
}

// A list of records, or one record: each becomes an item. Anything else holds no record.
function addItems(items: ResultItem[], value: unknown): void {
  if (Array.isArray(value)) for (const record of value) items.push(toResultItem(record));
  else if (value !== null && typeof value === 'object') items.push(toResultItem(value));
}
