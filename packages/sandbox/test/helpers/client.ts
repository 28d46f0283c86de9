import { createClient, type EtClient, type Transport } from '@etkit/client';
import { undiciTransport } from '@etkit/client/undici';
import { type Sandbox, sandboxServerTypes } from '../../src/index.js';

/**
 * A client for the sandbox's first merchant, with the sandbox-specific server_types configured. Over real HTTP
 * it uses the client's undici transport (the Node default); pass `sandbox.transport` to stay in process.
 */
export function clientFor(sandbox: Sandbox, url: string, transport: Transport = undiciTransport()): EtClient {
  const merchant = sandbox.merchants[0]!;
  return createClient({
    environment: url,
    merchantNumber: merchant.merchantNumber,
    subMerchantNumber: merchant.subMerchantNumbers[0]!,
    keys: { merchantPrivateKey: merchant.privateKeyPem!, etPublicKey: sandbox.etPublicKeyPem },
    profile: {
      serverTypes: {
        estimateAmount: sandboxServerTypes.estimateAmount,
        applyRefund: sandboxServerTypes.applyRefund,
      },
    },
    transport,
    retry: false,
  });
}
