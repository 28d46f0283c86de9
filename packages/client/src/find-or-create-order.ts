import { operations } from '@etkit/openapi';
/**
 * createOrder is never retried once it may have reached ET (a second order could be the result): it fails with
 * OUTCOME_UNKNOWN. This is the reconciliation the error asks for, written once: look the order up by the merchant
 * order id, a few times (a create still in flight may land meanwhile), and hand back what ET holds.
 */
import type { EtClient } from './client.js';
import {
  EtkitClientError,
  isEtkitClientError,
  type OrderLookup,
  OrderStillUnknownError,
  type OutcomeUnknownError,
  ValidationError,
} from './errors.js';
import type { CallOptions } from './pipeline.js';
import type { ResultItem } from './result-item.js';
import { sleep } from './retry.js';
import type { CreateOrderInput, CreateOrderResult, OpenInput } from './types.js';

export interface FindOrderOptions {
  /**
   * The batch-query input that selects one merchant order id. ET's query keys are not in its public
   * documentation (ENDPOINTS.md marks them UNKNOWN); the default, `{ data: { merchant_order_ids: [id] } }`, is the
   * natural reading and what the sandbox answers. Give the keys your ET account uses.
   */
  queryInput?: (merchantOrderId: string) => OpenInput;
  /** Options of every request sent (signal, timeoutMs…). */
  callOptions?: CallOptions;
}

export interface FindOrCreateOrderOptions extends FindOrderOptions {
  /** Look-ups after each create whose outcome is unknown. Default 3. */
  lookups?: number;
  /** Wait before each look-up, in ms, so that a create still in flight at ET can land. Default 1000. */
  lookupDelayMs?: number;
  /**
   * Send the create once more when ET answered, at the last look-up, that it holds no such order. Safe only if
   * your ET account refuses or deduplicates a second order with the same merchant_order_id (the sandbox returns
   * the existing order); otherwise a create that was merely slow could land after the look-ups and leave two
   * orders. Default false: throw OrderStillUnknownError and let the caller look again later.
   */
  resendWhenAbsent?: boolean;
}

export interface FoundOrCreatedOrder {
  /** `created`: a create answered. `found`: the create's outcome was unknown and a look-up found the order. */
  source: 'created' | 'found';
  /** ET's order id (the created order's, or the first record found). */
  orderId: string | undefined;
  merchantOrderId: string;
  /** The created order's items, or the records the look-up found with this merchant order id. */
  records: ResultItem[];
  /** The create's answer, when `source` is `created`. */
  created?: CreateOrderResult;
  /** The creates whose outcome was unknown before this answer, oldest first (empty when the first one answered). */
  unknownOutcomes: OutcomeUnknownError[];
}

const DEFAULT_LOOKUPS = 3;
const DEFAULT_LOOKUP_DELAY_MS = 1000;

const defaultQueryInput = (merchantOrderId: string): OpenInput => ({ data: { merchant_order_ids: [merchantOrderId] } });

/**
 * The records ET holds for a merchant order id (batch query, then only the records that carry that id: a query
 * keyed differently by your account must not hand back another order). Empty when ET holds none.
 */
export async function findOrderByMerchantOrderId(
  client: EtClient,
  merchantOrderId: string,
  options: FindOrderOptions = {},
): Promise<ResultItem[]> {
  const input = (options.queryInput ?? defaultQueryInput)(merchantOrderId);
  const { items } = await client.batchQueryOrders(input, options.callOptions);
  return items.filter((item) => item.merchant_order_id === merchantOrderId);
}

/**
 * Creates an order; if the create's outcome is unknown (OUTCOME_UNKNOWN), looks it up by `merchant_order_id`
 * (`lookups` times, `lookupDelayMs` apart) and returns the order found. Never sends a second create unless
 * `resendWhenAbsent` says your account makes that safe. Throws OrderStillUnknownError (ORDER_STILL_UNKNOWN) when
 * the look-ups do not settle it, and any other error of the create (API_ERROR, VALIDATION…) as it is.
 */
export async function findOrCreateOrder(
  client: EtClient,
  input: CreateOrderInput,
  options: FindOrCreateOrderOptions = {},
): Promise<FoundOrCreatedOrder> {
  const context = { operation: 'findOrCreateOrder', serverType: operations.createOrder.serverType };
  const merchantOrderId = input?.merchant_order_id;
  if (typeof merchantOrderId !== 'string' || merchantOrderId === '') {
    const why = 'is needed: it is how the order is found when the outcome of its creation is unknown';
    throw new ValidationError('sensitive.merchant_order_id', 'required', why, context);
  }
  const lookups = options.lookups ?? DEFAULT_LOOKUPS;
  const lookupDelayMs = options.lookupDelayMs ?? DEFAULT_LOOKUP_DELAY_MS;
  if (!Number.isInteger(lookups) || lookups < 1) {
    throw new EtkitClientError('CONFIG', 'findOrCreateOrder: lookups must be a positive integer', context);
  }
  if (!Number.isFinite(lookupDelayMs) || lookupDelayMs < 0) {
    throw new EtkitClientError('CONFIG', 'findOrCreateOrder: lookupDelayMs must be a non-negative number', context);
  }
  const signal = options.callOptions?.signal;
  const unknownOutcomes: OutcomeUnknownError[] = [];
  let lastLookup: OrderLookup = 'failed';
  let lastFailure: unknown;
  let lookupsMade = 0;

  for (let create = 1; create <= (options.resendWhenAbsent ? 2 : 1); create++) {
    try {
      const created = await client.createOrder(input, options.callOptions);
      return {
        source: 'created',
        orderId: created.orderId,
        merchantOrderId,
        records: created.items,
        created,
        unknownOutcomes,
      };
    } catch (error) {
      if (!isEtkitClientError(error, 'OUTCOME_UNKNOWN')) throw error;
      unknownOutcomes.push(error);
      lastFailure = error;
    }
    for (let lookup = 1; lookup <= lookups; lookup++) {
      await sleep(lookupDelayMs, signal);
      lookupsMade++;
      try {
        const records = await findOrderByMerchantOrderId(client, merchantOrderId, options);
        if (records.length > 0) {
          return { source: 'found', orderId: records[0]!.order_id, merchantOrderId, records, unknownOutcomes };
        }
        lastLookup = 'absent';
      } catch (error) {
        // The caller's abort ends it; any other failure of a look-up is one more look-up that did not settle it.
        if (!isEtkitClientError(error) || error.code === 'ABORTED') throw error;
        lastLookup = 'failed';
        lastFailure = error;
      }
    }
    // Only ET's own "no such order" can justify another create, and only when the account deduplicates.
    if (lastLookup !== 'absent') break;
  }
  throw new OrderStillUnknownError(
    {
      merchantOrderId,
      lastLookup,
      lookups: lookupsMade,
      createSerialNumbers: unknownOutcomes.flatMap((error) => [...error.serialNumbers]),
    },
    { ...context, cause: lastFailure },
  );
}
