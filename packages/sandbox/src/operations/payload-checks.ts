import { type OperationName, operations as registry } from '@etkit/openapi';
import { SandboxApiError } from '../errors.js';
import { sandboxStatusCodes } from '../protocol/codes.js';
import type { OperationContext } from './context.js';
import { checkPayload } from './schema-check.js';

/**
 * [sandbox choice] The sandbox reads `merchant_jump_place_order` as an order to create (create-order.ts), so its
 * payload must also satisfy create-order's schema.
 */
const alsoReadAs: Partial<Record<OperationName, OperationName>> = { redirectOrder: 'createOrder' };

/**
 * The payload checks of every operation, from the registry (openapi.yaml's `x-etkit-operations`), run before its
 * handler: a handler reads fields that passed its schema and never checks them against it itself.
 * - An operation with an encrypted payload schema (create order, redirect order): its personal fields must not
 *   travel in plaintext `data`, `sensitive_data` must be there, and each payload is checked against its schema.
 * - Any other: its fields may travel in `data` or `sensitive_data` [sandbox choice]; both together (`data` wins a
 *   name given twice) are checked against the data schema.
 * Errors name the field, never its value.
 */
export function checkRequestPayloads(name: OperationName, serverType: string, context: OperationContext): void {
  const info = registry[name];
  if (info.sensitiveSchema === null || info.sensitiveSchema === 'OpenPayload') {
    checkPayload(info.dataSchema, { ...context.sensitive, ...context.data }, serverType);
    return;
  }
  const readAs = alsoReadAs[name];
  const personal = new Set([
    ...info.sensitiveFields,
    ...(readAs === undefined ? [] : registry[readAs].sensitiveFields),
  ]);
  const leaked = [...personal].filter((field) => context.data[field] !== undefined);
  if (leaked.length > 0) {
    throw new SandboxApiError(
      sandboxStatusCodes.fieldInvalid,
      `${serverType}: ${leaked.join(', ')} must be sent encrypted in sensitive_data, not in data`,
    );
  }
  if (!context.sensitive) {
    throw new SandboxApiError(
      sandboxStatusCodes.fieldInvalid,
      `${serverType}: the order fields belong in sensitive_data`,
    );
  }
  checkPayload(info.dataSchema, context.data, serverType);
  if (readAs !== undefined)
    checkPayload(registry[readAs].sensitiveSchema ?? 'OpenPayload', context.sensitive, serverType);
  checkPayload(info.sensitiveSchema, context.sensitive, serverType);
}
