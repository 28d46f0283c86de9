import { createHash } from 'node:crypto';
import { operations } from '@etkit/openapi';
import { SandboxApiError } from '../errors.js';
import { sandboxServerTypes, sandboxStatusCodes } from '../protocol/codes.js';
import { addDecimals, compareDecimals } from '../world/decimal.js';
import type { OrderRecord } from '../world/state.js';
import { formatBeijingDate } from '../world/time.js';
import type { OperationContext, OperationResult } from './context.js';
import { FieldReader } from './fields.js';

function nextOrderId(context: OperationContext): string {
  context.state.orderSequence += 1;
  return `ET${formatBeijingDate(context.now)}${String(context.state.orderSequence).padStart(8, '0')}`;
}

/**
 * `add_special_rent_order` (and the sandbox's reading of `merchant_jump_place_order`): checks the encrypted
 * business fields, then creates an order waiting for payment (status 0).
 *
 * Idempotency [sandbox choice]: a second request with the same merchant_order_id returns the existing order
 * while it is not closed, if its amounts, currencies and user key are the same; otherwise SBX410. After an
 * order closed (-1), the same merchant_order_id may order again (PROTOCOL.md §7: "order again").
 */
export function createOrderRecord(
  context: OperationContext,
  operation: string,
): { order: OrderRecord; created: boolean } {
  // The payloads passed their checks before this handler ran (payload-checks.ts): personal fields encrypted,
  // sensitive_data present, both payloads within their schemas.
  const sensitive = context.sensitive!;
  // Documented limits from the registry; the sandbox's own (currency codes ≤ 10, institution_name ≤ 200) where
  // the document gives none [sandbox choice].
  const fields = new FieldReader(sensitive, operation, operations.createOrder.fieldLimits);

  const merchantOrderId = fields.string('merchant_order_id', { required: true });
  const merchantUserKey = fields.string('merchant_user_key', { required: true });
  fields.string('country_code', { required: true });
  const currencyCode = fields.string('currency_code', { required: true, max: 10 }).toUpperCase();
  // The wire name is misspelled `tuituon`; the provider's own example sends `tuition`. Accept both.
  const tuition = fields.decimal('tuituon') ?? fields.decimal('tuition');
  if (tuition === undefined) throw fields.invalid('tuituon (or tuition) is required');
  if (compareDecimals(tuition, '0') <= 0) throw fields.invalid('tuituon must be greater than 0');
  const serviceFee = fields.decimal('merchant_service_fee') ?? '0';
  const serviceFeeCurrencyCode = (
    fields.string('merchant_service_fee_currency_code', { max: 10 }) || currencyCode
  ).toUpperCase();
  const payCurrencyCode = (fields.string('pay_currency_code', { max: 10 }) || 'RMB').toUpperCase();
  const notifyUrl = fields.url('notify_url');
  const backJumpUrl = fields.url('back_jump_url');
  const statusChangeNotifyUrl = fields.url('status_change_notify_url');
  const feeTypes = fields.raw('fee_type_list');
  if (feeTypes !== undefined && !Array.isArray(feeTypes)) throw fields.invalid('fee_type_list must be a list');
  // Kept for the payment page's "Fee type" row: the code, and the merchant's description of it.
  const feeTypeRows = (feeTypes ?? []).flatMap((item: unknown) => {
    const { fee_type: code, fee_type_desc: description } = (item ?? {}) as Record<string, unknown>;
    const feeType = typeof code === 'string' && /^\d{1,9}$/.test(code) ? Number(code) : code;
    if (typeof feeType !== 'number' || !Number.isSafeInteger(feeType)) return [];
    return [{ feeType, description: typeof description === 'string' ? description : '' }];
  });

  const tuitionInPay = context.rates.convert(tuition, currencyCode, payCurrencyCode);
  const feeInPay = context.rates.convert(serviceFee, serviceFeeCurrencyCode, payCurrencyCode);
  if (tuitionInPay === undefined || feeInPay === undefined) {
    throw fields.invalid(`no sandbox exchange rate for ${currencyCode}/${payCurrencyCode} (configure \`rates\`)`);
  }
  const payAmount = addDecimals(tuitionInPay, feeInPay);
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify([merchantUserKey, currencyCode, tuition, serviceFee, serviceFeeCurrencyCode, payCurrencyCode]),
    )
    .digest('hex');

  const existing = context.orders
    .list()
    .find(
      (order) =>
        order.merchantNumber === context.merchant.merchantNumber &&
        order.merchantOrderId === merchantOrderId &&
        order.status !== -1,
    );
  if (existing) {
    if (existing.fingerprint !== fingerprint) {
      throw new SandboxApiError(
        sandboxStatusCodes.duplicateMerchantOrderId,
        `${operation}: merchant_order_id is already used by an order with different amounts or user`,
      );
    }
    return { order: existing, created: false };
  }

  const order: OrderRecord = {
    orderId: nextOrderId(context),
    merchantNumber: context.merchant.merchantNumber,
    subMerchantNumber: context.subMerchantNumber,
    merchantOrderId,
    merchantUserKey,
    status: 0,
    institutionName: fields.string('institution_name', { max: 200 }),
    schoolName: fields.string('school_name'),
    currencyCode,
    tuition,
    serviceFee,
    serviceFeeCurrencyCode,
    payCurrencyCode,
    payAmount,
    notifyUrl,
    backJumpUrl,
    statusChangeNotifyUrl,
    extendInfo: context.envelope.extend_info ?? '',
    feeTypes: feeTypeRows,
    fingerprint,
    createdAt: context.now,
    updatedAt: context.now,
    history: [{ status: 0, at: context.now }],
    attachments: [],
    refunds: [],
  };
  context.state.orders[order.orderId] = order;
  context.persist();
  return { order, created: true };
}

export function createOrder(context: OperationContext): OperationResult {
  const { order } = createOrderRecord(context, sandboxServerTypes.createOrder);
  return {
    data: [{ order_id: order.orderId, merchant_order_id: order.merchantOrderId, order_status: order.status }],
  };
}

/**
 * `merchant_jump_place_order` (Chinese docs only; response UNKNOWN). The sandbox creates the order like
 * create order and answers the page to send the payer to, as `jump_url` [sandbox choice].
 */
export function redirectOrder(context: OperationContext): OperationResult {
  const { order } = createOrderRecord(context, sandboxServerTypes.redirectOrder);
  return {
    data: [
      {
        order_id: order.orderId,
        merchant_order_id: order.merchantOrderId,
        order_status: order.status,
        jump_url: context.payUrl(order.orderId),
      },
    ],
  };
}
