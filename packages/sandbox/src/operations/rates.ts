import { sandboxServerTypes } from '../protocol/codes.js';
import { formatBeijingDateTime } from '../world/time.js';
import type { OperationContext, OperationResult } from './context.js';
import { FieldReader } from './fields.js';

const operation = sandboxServerTypes.getRate;

/**
 * `get_rate` (request and response fields UNKNOWN). The sandbox reads `currency_code` (from) and
 * `pay_currency_code` (to, default RMB); without `currency_code` it answers the whole table. Rates are
 * decimal strings [sandbox choice].
 */
export function getRate(context: OperationContext): OperationResult {
  const fields = new FieldReader({ ...context.data, ...context.sensitive }, operation);
  const from = fields.string('currency_code', { max: 10 }).toUpperCase();
  const to = (fields.string('pay_currency_code', { max: 10 }) || 'RMB').toUpperCase();
  const rateTime = formatBeijingDateTime(context.now);
  if (from === '') {
    return {
      data: context.rates.entries().map((entry) => ({
        currency_code: entry.from,
        pay_currency_code: entry.to,
        rate: entry.rate,
        rate_time: rateTime,
      })),
    };
  }
  const rate = context.rates.rate(from, to);
  if (rate === undefined) throw fields.invalid(`no sandbox exchange rate for ${from}/${to}`);
  return { data: [{ currency_code: from, pay_currency_code: to, rate, rate_time: rateTime }] };
}

/**
 * `sandbox_estimate_amount` — SANDBOX-SPECIFIC server_type (ET's is UNKNOWN). In: `currency_code`, `amount`
 * (decimal), optional `merchant_service_fee`, `pay_currency_code` (default RMB). Out: the rate and the amount
 * the payer would pay, two decimals.
 */
export function estimateAmount(context: OperationContext): OperationResult {
  const name = sandboxServerTypes.estimateAmount;
  const fields = new FieldReader({ ...context.data, ...context.sensitive }, name);
  const from = fields.string('currency_code', { required: true, max: 10 }).toUpperCase();
  const to = (fields.string('pay_currency_code', { max: 10 }) || 'RMB').toUpperCase();
  const amount = fields.decimal('amount', { required: true })!;
  const fee = fields.decimal('merchant_service_fee') ?? '0';
  const rate = context.rates.rate(from, to);
  if (rate === undefined) throw fields.invalid(`no sandbox exchange rate for ${from}/${to}`);
  const payAmount = context.rates.convert(amount, from, to)!;
  const feeInPay = context.rates.convert(fee, from, to)!;
  return {
    data: [
      {
        currency_code: from,
        amount,
        merchant_service_fee: fee,
        pay_currency_code: to,
        rate,
        pay_amount: payAmount,
        merchant_service_fee_pay_amount: feeInPay,
      },
    ],
  };
}
