import { ApiError, createClient, EtkitClientError } from '@etkit/client';
import { generateKeyPair } from '@etkit/crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Sandbox, sandboxStatusCodes } from '../src/index.js';
import { sampleOrder, testSandbox } from './helpers/sandbox.js';

const profile = { keyWrap: 'rsa-oaep-sha256', signatureHash: 'SHA-1', canonicalForm: 'drop-empty' } as const;
let sandbox: Sandbox;
let merchantKeys: { privateKeyPem: string; publicKeyPem: string };

beforeAll(async () => {
  merchantKeys = await generateKeyPair(1024);
  sandbox = await testSandbox({
    merchants: [{ merchantNumber: 'ET90001', publicKeyPem: merchantKeys.publicKeyPem, salt: 's', profile }],
  });
});
afterAll(() => sandbox.close());

const clientWith = (overrides: object) =>
  createClient({
    environment: 'http://sandbox.invalid/server',
    merchantNumber: 'ET90001',
    subMerchantNumber: 'ET90001S001',
    keys: { merchantPrivateKey: merchantKeys.privateKeyPem, etPublicKey: sandbox.etPublicKeyPem },
    transport: sandbox.transport,
    retry: false,
    profile: overrides,
  });

it('a merchant with a non-default profile is served in that profile, and only in it', async () => {
  expect(sandbox.merchants[0]!.privateKeyPem).toBeUndefined(); // a given public key: the sandbox never sees the private one
  const matching = clientWith(profile);
  const created = await matching.createOrder(sampleOrder);
  expect(created.orderId).toMatch(/^ET/);
  const records = await matching.batchQueryOrders({ data: { order_ids: [created.orderId] } });
  expect(records.items[0]!.order_id).toBe(created.orderId); // OAEP-wrapped, SHA-1-signed response opened

  // Default profile (SHA-256 signatures): the sandbox refuses the request. Its error answer is signed under the
  // merchant's profile, so the default-profile client cannot verify it either; for a write, the client reports an
  // answer it cannot verify as OUTCOME_UNKNOWN with the reason.
  const error = await clientWith({})
    .createOrder({ ...sampleOrder, merchant_order_id: 'M-2' })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(EtkitClientError);
  expect((error as EtkitClientError).code).toBe('OUTCOME_UNKNOWN');
  expect((error as EtkitClientError & { reason: string }).reason).toBe('SIGNATURE_INVALID');

  // Same hash and form but the default key wrap: the signature verifies, the AES key does not unwrap.
  const wrongWrap = await clientWith({ signatureHash: 'SHA-1', canonicalForm: 'drop-empty' })
    .createOrder({ ...sampleOrder, merchant_order_id: 'M-3' })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(wrongWrap).toBeInstanceOf(ApiError);
  expect((wrongWrap as ApiError).statusCode).toBe(sandboxStatusCodes.decryptFailed);
});
