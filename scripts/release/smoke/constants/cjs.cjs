const assert = require('node:assert/strict');
const { InvalidConstantError, orderStatusLabel, parseOrderStatus, feeTypeLabel } = require('@etkit/constants');

assert.equal(orderStatusLabel(parseOrderStatus(4), 'en'), 'Order completed');
assert.equal(feeTypeLabel(7, 'zh'), '房租');
assert.throws(() => parseOrderStatus(' 1'), InvalidConstantError);
console.log('constants ok (cjs)');
