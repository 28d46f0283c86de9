import { attachmentTypeTable } from './tables/attachment-type.js';
import { callbackProcessTable } from './tables/callback-process.js';
import { countryCodeTable } from './tables/country-code.js';
import { currencyCodeTable } from './tables/currency-code.js';
import { feeTypeTable } from './tables/fee-type.js';
import { fundingSourceTable } from './tables/funding-source.js';
import { genderTable } from './tables/gender.js';
import { idTypeTable } from './tables/id-type.js';
import { notifyResultTable } from './tables/notify-result.js';
import { notifyTypeTable } from './tables/notify-type.js';
import { orderStatusTable } from './tables/order-status.js';
import { payResultTable } from './tables/pay-result.js';
import { payTypeTable } from './tables/pay-type.js';
import { payerRelationshipTable } from './tables/payer-relationship.js';
import { priceModeTable } from './tables/price-mode.js';
import { refundResultTable } from './tables/refund-result.js';
import { serverTypeTable } from './tables/server-type.js';
import { statusCodeTable } from './tables/status-code.js';

/** Every table, by its protocol name: for tooling that walks all tables (docs, validators, the CLI). */
export const constantTables = Object.freeze({
  server_type: serverTypeTable,
  order_status: orderStatusTable,
  status_code: statusCodeTable,
  attachment_type: attachmentTypeTable,
  country_code: countryCodeTable,
  currency_code: currencyCodeTable,
  fee_type: feeTypeTable,
  callback_process: callbackProcessTable,
  pay_result: payResultTable,
  refund_result: refundResultTable,
  notify_type: notifyTypeTable,
  notify_result: notifyResultTable,
  id_type: idTypeTable,
  gender: genderTable,
  pay_type: payTypeTable,
  price_mode: priceModeTable,
  funding_source: fundingSourceTable,
  payer_relationship: payerRelationshipTable,
});

/** Protocol name of a table, e.g. `order_status`. */
export type ConstantTableName = keyof typeof constantTables;
