const assert = require('node:assert/strict');
const { main, commands } = require('@etkit/cli');

assert.equal(typeof main, 'function');
assert.ok(commands);
console.log('cli ok (cjs)');
