import assert from 'node:assert/strict';
import { createClient, isEtkitClientError } from '@etkit/client';
import { generateKeyPair, openRequest, sealResponse } from '@etkit/crypto';

// ET played in-process by @etkit/crypto through a custom Transport: no sockets, so it runs under Node, Bun and
// Deno without permissions.
const merchant = await generateKeyPair(1024);
const et = await generateKeyPair(1024);
const seen = [];
const transport = async (request) => {
  const opened = await openRequest(request.body, {
    merchantPublicKey: merchant.publicKeyPem,
    etPrivateKey: et.privateKeyPem,
  });
  seen.push(opened.fields.server_type);
  const body = await sealResponse(
    { data: [{ currency: 'GBP', rate: '9.1234' }] },
    { etPrivateKey: et.privateKeyPem, merchantPublicKey: merchant.publicKeyPem },
  );
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
};

const client = createClient({
  environment: 'http://127.0.0.1:9/server',
  merchantNumber: 'ET82009',
  subMerchantNumber: 'ET82009S001',
  keys: { merchantPrivateKey: merchant.privateKeyPem, etPublicKey: et.publicKeyPem },
  transport,
});
const result = await client.call('get_rate', { data: { currency: 'GBP' }, idempotent: true });
assert.equal(result.statusCode, '000000');
assert.equal(result.verified, true);
assert.deepEqual(result.data, [{ currency: 'GBP', rate: '9.1234' }]);
assert.deepEqual(seen, ['get_rate']);

// A response signed by someone else is refused.
const impostor = await generateKeyPair(1024);
const forged = createClient({
  environment: 'http://127.0.0.1:9/server',
  merchantNumber: 'ET82009',
  subMerchantNumber: 'ET82009S001',
  keys: { merchantPrivateKey: merchant.privateKeyPem, etPublicKey: impostor.publicKeyPem },
  transport,
  retry: false,
});
await assert.rejects(forged.call('get_rate', { idempotent: true }), (error) => isEtkitClientError(error));
console.log('client ok');
