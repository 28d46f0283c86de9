const assert = require('node:assert/strict');
const { generateKeyPair, openResponse, sealResponse, signNotification, verifyNotification } = require('@etkit/crypto');

async function main() {
  const salt = 'smoke-test-salt';
  const fields = { notify_type: 'order_status_change', order_id: 'ET1', order_status: '1' };
  assert.equal(verifyNotification({ ...fields, sign: signNotification(fields, salt) }, salt), true);

  const merchant = await generateKeyPair(1024);
  const et = await generateKeyPair(1024);
  const response = await sealResponse(
    { data: [] },
    { sensitive: [{ order_id: 'ET1' }], etPrivateKey: et.privateKeyPem, merchantPublicKey: merchant.publicKeyPem },
  );
  const opened = await openResponse(response, {
    etPublicKey: et.publicKeyPem,
    merchantPrivateKey: merchant.privateKeyPem,
  });
  assert.deepEqual(opened.sensitive, [{ order_id: 'ET1' }]);
  console.log('crypto ok (cjs)');
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
