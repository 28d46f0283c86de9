/**
 * @etkit/constants: every constant table of the EasyTransfer Open API, typed, with en/zh labels.
 * @packageDocumentation
 */

export { countryDisplayName, currencyDisplayName } from './display-names.js';
export { InvalidConstantError, type InvalidConstantReason, isInvalidConstantError } from './errors.js';
export {
  FEE_TYPES,
  type FeeTypeChoice,
  feeTypeChoices,
  feeTypeDisplayLabel,
  type MerchantFeeType,
} from './fee-types.js';
export { parseIntegerConstant } from './parse.js';
export { type ConstantTableName, constantTables } from './registry.js';
export {
  type ConstantEntry,
  type ConstantTable,
  constantLabel,
  type KnownValueOf,
  type Locale,
  type WireType,
} from './table.js';
export * from './tables/attachment-type.js';
export * from './tables/callback-process.js';
export { countryAlpha2 } from './tables/country-alpha2.js';
export * from './tables/country-code.js';
export * from './tables/currency-code.js';
export * from './tables/fee-type.js';
export * from './tables/funding-source.js';
export * from './tables/gender.js';
export * from './tables/id-type.js';
export * from './tables/notify-result.js';
export * from './tables/notify-type.js';
export * from './tables/order-status.js';
export * from './tables/pay-result.js';
export * from './tables/pay-type.js';
export * from './tables/payer-relationship.js';
export * from './tables/price-mode.js';
export * from './tables/refund-result.js';
export * from './tables/server-type.js';
export * from './tables/status-code.js';
