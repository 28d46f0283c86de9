import assert from 'node:assert/strict';
import {
  generateKeyPair,
  isEtkitCryptoError,
  openRequest,
  openResponse,
  sealRequest,
  sealResponse,
  signNotification,
  verifyNotification,
} from '@etkit/crypto';

// Notification MD5 signature (PROTOCOL.md §8): sign, verify, and reject a changed amount.
const salt = 'smoke-test-salt';
const fields = { order_id: 'ET1', pay_result: '1', pay_amount: '10000.00', pay_currency_code: 'RMB' };
const sign = signNotification(fields, salt);
assert.match(sign, /^[0-9a-f]{32}$/);
assert.equal(verifyNotification({ ...fields, sign }, salt), true);
assert.equal(verifyNotification({ ...fields, pay_amount: '10000', sign }, salt), false);

// Envelopes with freshly generated keys (1024-bit to keep the smoke fast): merchant → ET → merchant.
const merchant = await generateKeyPair(1024);
const et = await generateKeyPair(1024);
const request = await sealRequest(
  {
    server_type: 'get_rate',
    merchant_number: 'ET82009',
    sub_merchant_number: 'ET82009S001',
    data: { currency: 'GBP' },
  },
  { sensitive: { name: 'Test Student' }, merchantPrivateKey: merchant.privateKeyPem, etPublicKey: et.publicKeyPem },
);
const opened = await openRequest(JSON.stringify(request), {
  merchantPublicKey: merchant.publicKeyPem,
  etPrivateKey: et.privateKeyPem,
});
assert.deepEqual(opened.sensitive, { name: 'Test Student' });
assert.equal(opened.fields.server_type, 'get_rate');

const response = await sealResponse(
  { data: [{ rate: '9.1234' }] },
  { etPrivateKey: et.privateKeyPem, merchantPublicKey: merchant.publicKeyPem },
);
const result = await openResponse(JSON.stringify(response), {
  etPublicKey: et.publicKeyPem,
  merchantPrivateKey: merchant.privateKeyPem,
});
assert.equal(result.statusCode, '000000');
assert.equal(result.verified, true);
assert.deepEqual(result.data, [{ rate: '9.1234' }]);

// A tampered response is refused before anything is decrypted.
await assert.rejects(
  openResponse(JSON.stringify({ ...response, count: response.count + 1 }), {
    etPublicKey: et.publicKeyPem,
    merchantPrivateKey: merchant.privateKeyPem,
  }),
  (error) => isEtkitCryptoError(error) && error.code === 'SIGNATURE_INVALID',
);
console.log('crypto ok');
