import { sandboxServerTypes } from '../protocol/codes';
import { batchQueryOrders } from './batch-query';
import type { Operation } from './context';
import { createOrder, jumpPlaceOrder } from './create-order';
import { getPayUrl } from './pay-url';
import { estimateAmount, getRate } from './rates';
import { applyRefund } from './refund';
import { uploadAttachment } from './upload-attachment';

export type { Operation, OperationContext, OperationResult } from './context';

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
