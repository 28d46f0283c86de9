/**
 * Status codes the sandbox answers with.
 *
 * Only `000000` and `200003` are ET's own (constants.json). Every other code below is SANDBOX-SPECIFIC: the
 * provider's public documentation does not list its error codes, so the sandbox uses an `SBX` prefix that can
 * never be mistaken for a real ET code. Do not branch on these in production code.
 */
export const sandboxStatusCodes = {
  success: '000000',
  /** ET's documented code: payment URL requested for an order that is not waiting for payment. */
  orderNotPayable: '200003',
  malformedRequest: 'SBX400',
  unknownMerchant: 'SBX401',
  signatureInvalid: 'SBX402',
  decryptFailed: 'SBX403',
  orderNotFound: 'SBX404',
  unknownServerType: 'SBX405',
  serialNumberReused: 'SBX409',
  duplicateMerchantOrderId: 'SBX410',
  orderStateConflict: 'SBX411',
  fieldInvalid: 'SBX422',
  attachmentLimit: 'SBX429',
  internalError: 'SBX500',
} as const;

export type SandboxStatusCode = (typeof sandboxStatusCodes)[keyof typeof sandboxStatusCodes];

/**
 * server_types the sandbox serves. The first six are ET's (constants.json); the last two are the sandbox's
 * own names, because ET's server_types for "estimate amount" and "apply for refund" are UNKNOWN (ENDPOINTS.md).
 */
export const sandboxServerTypes = {
  createOrder: 'add_special_rent_order',
  uploadAttachment: 'upload_attachment',
  getPayUrl: 'get_special_pay_url',
  batchQueryOrders: 'batch_special_query_order_info',
  getRate: 'get_rate',
  jumpPlaceOrder: 'merchant_jump_place_order',
  /** SANDBOX-SPECIFIC server_type. */
  estimateAmount: 'sandbox_estimate_amount',
  /** SANDBOX-SPECIFIC server_type. */
  applyRefund: 'sandbox_apply_refund',
} as const;
