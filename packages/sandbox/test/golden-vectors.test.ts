import { openResponse } from '@etkit/crypto';
import { readSpecText } from '@etkit/spec';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Sandbox, sandboxStatusCodes } from '../src/index.js';
import { testSandbox } from './helpers/sandbox.js';

// Produced by an independent implementation (Python pyca/cryptography): the sandbox must open its request.
const vectors = JSON.parse(readSpecText('vectors.json'));
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await testSandbox({
    etKeyPair: {
      privateKeyPem: vectors.keys.et_1024.private_pkcs8_pem,
      publicKeyPem: vectors.keys.et_1024.public_spki_pem,
    },
    merchants: [{ merchantNumber: 'ET82009', publicKeyPem: vectors.keys.merchant_1024.public_spki_pem, salt: 's' }],
  });
});
afterAll(() => sandbox.close());

it("verifies and decrypts the independent implementation's sealed request", async () => {
  const answer = await sandbox.handle(JSON.stringify(vectors.sealed_request.envelope));
  const opened = await openResponse(answer, {
    etPublicKey: vectors.keys.et_1024.public_spki_pem,
    merchantPrivateKey: vectors.keys.merchant_1024.private_pkcs8_pem,
  });
  expect(opened.verified).toBe(true);
  // Signature and decryption passed (else SBX402/SBX403); the provider's worked example then fails only on
  // its placeholder notify_url "xxxxxxx", which the sandbox cannot deliver to.
  expect(opened.statusCode).toBe(sandboxStatusCodes.fieldInvalid);
  expect(opened.message).toBe('add_special_rent_order: notify_url must be an absolute http(s) URL');
  // The same envelope again: its serial number is now spent.
  const again = await openResponse(await sandbox.handle(JSON.stringify(vectors.sealed_request.envelope)), {
    etPublicKey: vectors.keys.et_1024.public_spki_pem,
    merchantPrivateKey: vectors.keys.merchant_1024.private_pkcs8_pem,
  });
  expect(again.statusCode).toBe(sandboxStatusCodes.serialNumberReused);
});
