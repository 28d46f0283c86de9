import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { operations } from '@etkit/openapi';

assert.ok(Object.keys(operations).length > 0);
const document = createRequire(import.meta.url)('@etkit/openapi/openapi.json');
assert.match(document.openapi, /^3\.1\./);
console.log('openapi ok:', Object.keys(operations).length, 'operations');
