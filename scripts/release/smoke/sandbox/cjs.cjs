const assert = require('node:assert/strict');
const { createSandbox, sandboxServerTypes } = require('@etkit/sandbox');

async function main() {
  const sandbox = await createSandbox({ keyBits: 1024, log: () => {} });
  try {
    assert.ok(sandbox.etPublicKeyPem.includes('PUBLIC KEY'));
    assert.ok(sandboxServerTypes);
    console.log('sandbox ok (cjs)');
  } finally {
    await sandbox.close();
  }
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
