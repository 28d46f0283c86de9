import { sandboxServerTypes } from '../protocol/codes.js';
import { batchQueryOrders } from './batch-query.js';
import type { Operation } from './context.js';
import { createOrder, jumpPlaceOrder } from './create-order.js';
import { getPayUrl } from './pay-url.js';
import { estimateAmount, getRate } from './rates.js';
import { applyRefund } from './refund.js';
import { uploadAttachment } from './upload-attachment.js';

export type { Operation, OperationContext, OperationResult } from './context.js';

/** server_type → operation. */
export const operations: Readonly<Record<string, Operation>> = {
  [sandboxServerTypes.createOrder]: createOrder,
  [sandboxServerTypes.uploadAttachment]: uploadAttachment,
  [sandboxServerTypes.getPayUrl]: getPayUrl,
  [sandboxServerTypes.batchQueryOrders]: batchQueryOrders,
  [sandboxServerTypes.getRate]: getRate,
  [sandboxServerTypes.jumpPlaceOrder]: jumpPlaceOrder,
  [sandboxServerTypes.estimateAmount]: estimateAmount,
  [sandboxServerTypes.applyRefund]: applyRefund,
};
