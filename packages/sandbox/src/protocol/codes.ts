import { type OperationName, operationNames, operations, type ProfileOperationName } from '@etkit/openapi';

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
 * The sandbox's own server_types for the operations whose server_type ET has not published (`estimateAmount`,
 * `applyRefund`: UNKNOWN in ENDPOINTS.md; a merchant's client names them in `profile.serverTypes`, keyed by the
 * same operation names). SANDBOX-SPECIFIC: ET will not know them.
 */
export const sandboxProfileServerTypes = {
  estimateAmount: 'sandbox_estimate_amount',
  applyRefund: 'sandbox_apply_refund',
} as const satisfies Record<ProfileOperationName, string>;

type SandboxServerTypeOf<N extends OperationName> = N extends keyof typeof sandboxProfileServerTypes
  ? (typeof sandboxProfileServerTypes)[N]
  : NonNullable<(typeof operations)[N]['serverType']>;

/**
 * The server_type the sandbox serves for each operation of the registry (@etkit/openapi): ET's documented one, or
 * the sandbox's own for the profile-named ones.
 */
export const sandboxServerTypes = {
  ...(Object.fromEntries(
    operationNames.map((name) => [
      name,
      operations[name].serverType ?? sandboxProfileServerTypes[name as ProfileOperationName],
    ]),
  ) as { readonly [N in OperationName]: SandboxServerTypeOf<N> }),
  /** @deprecated The registry's name is `getPaymentUrl`. */
  getPayUrl: operations.getPaymentUrl.serverType,
  /** @deprecated The registry's name is `redirectOrder`. */
  jumpPlaceOrder: operations.redirectOrder.serverType,
} as const;
