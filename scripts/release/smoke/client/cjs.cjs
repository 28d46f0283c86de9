const assert = require('node:assert/strict');
const { createServer } = require('node:http');
const { createClient } = require('@etkit/client');
const { generateKeyPair, openRequest, sealResponse } = require('@etkit/crypto');

// The default Node transport against a loopback server that plays ET.
async function main() {
  const merchant = await generateKeyPair(1024);
  const et = await generateKeyPair(1024);
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', async () => {
      await openRequest(body, { merchantPublicKey: merchant.publicKeyPem, etPrivateKey: et.privateKeyPem });
      const sealed = await sealResponse(
        { data: [{ currency: 'GBP', rate: '9.1234' }] },
        { etPrivateKey: et.privateKeyPem, merchantPublicKey: merchant.publicKeyPem },
      );
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(sealed));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const client = createClient({
      environment: `http://127.0.0.1:${server.address().port}/server`,
      merchantNumber: 'ET82009',
      subMerchantNumber: 'ET82009S001',
      keys: { merchantPrivateKey: merchant.privateKeyPem, etPublicKey: et.publicKeyPem },
      timeoutMs: 10_000,
    });
    const result = await client.call('get_rate', { data: { currency: 'GBP' }, idempotent: true });
    assert.deepEqual(result.data, [{ currency: 'GBP', rate: '9.1234' }]);
    console.log('client ok (cjs, loopback)');
  } finally {
    server.close();
  }
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
