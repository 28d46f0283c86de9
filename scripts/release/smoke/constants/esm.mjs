import assert from 'node:assert/strict';
import {
  countryDisplayName,
  currencyDisplayName,
  InvalidConstantError,
  orderStatusLabel,
  parseOrderStatus,
} from '@etkit/constants';

assert.equal(orderStatusLabel(parseOrderStatus('1'), 'en'), 'Payment successful');
assert.throws(
  () => parseOrderStatus('1.0'),
  (error) => error instanceof InvalidConstantError && error.code === 'INVALID_CONSTANT',
);
assert.equal(currencyDisplayName('RMB', 'en'), 'Chinese Yuan');
assert.ok(countryDisplayName('GBR', 'en'));
console.log('constants ok:', orderStatusLabel(-1, 'en'));
