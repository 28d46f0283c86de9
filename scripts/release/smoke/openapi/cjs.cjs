const assert = require('node:assert/strict');
const { operations, sensitiveFieldNames } = require('@etkit/openapi');

assert.ok(Object.keys(operations).length > 0);
assert.ok(sensitiveFieldNames);
assert.match(require('@etkit/openapi/openapi.json').openapi, /^3\.1\./);
console.log('openapi ok (cjs)');
