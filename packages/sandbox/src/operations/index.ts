import { type OperationName, operationNames } from '@etkit/openapi';
import { sandboxServerTypes } from '../protocol/codes.js';
import { batchQueryOrders } from './batch-query.js';
import type { Operation } from './context.js';
import { createOrder, redirectOrder } from './create-order.js';
import { getPaymentUrl } from './pay-url.js';
import { estimateAmount, getRate } from './rates.js';
import { applyRefund } from './refund.js';
import { uploadAttachment } from './upload-attachment.js';

export type { Operation, OperationContext, OperationResult } from './context.js';
export { checkRequestPayloads } from './payload-checks.js';

/**
 * One handler per operation of the registry (openapi.yaml's `x-etkit-operations`): an operation added there
 * without a handler here is a type error.
 */
export const operationHandlers: Readonly<Record<OperationName, Operation>> = {
  createOrder,
  uploadAttachment,
  getPaymentUrl,
  batchQueryOrders,
  getRate,
  redirectOrder,
  estimateAmount,
  applyRefund,
};

/** server_type → operation name, keyed by the server_type the sandbox serves for each (`sandboxServerTypes`). */
export const operationByServerType: Readonly<Record<string, OperationName>> = Object.fromEntries(
  operationNames.map((name) => [sandboxServerTypes[name], name]),
);
