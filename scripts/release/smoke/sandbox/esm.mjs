import assert from 'node:assert/strict';
import { openResponse, sealRequest } from '@etkit/crypto';
import { createSandbox } from '@etkit/sandbox';

// The simulator's protocol core, in memory: a sealed get_rate request in, a verified response out.
const sandbox = await createSandbox({ keyBits: 1024, log: () => {} });
try {
  const merchant = sandbox.merchants[0];
  const request = await sealRequest(
    {
      server_type: 'get_rate',
      merchant_number: merchant.merchantNumber,
      sub_merchant_number: merchant.subMerchantNumbers[0],
    },
    { merchantPrivateKey: merchant.privateKeyPem, etPublicKey: sandbox.etPublicKeyPem },
  );
  const response = await openResponse(await sandbox.handle(JSON.stringify(request)), {
    etPublicKey: sandbox.etPublicKeyPem,
    merchantPrivateKey: merchant.privateKeyPem,
  });
  assert.equal(response.statusCode, '000000');
  assert.equal(response.verified, true);

  // And over HTTP on a loopback port.
  const url = await sandbox.listen(0);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+/);
  console.log('sandbox ok');
} finally {
  await sandbox.close();
}
