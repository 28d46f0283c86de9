// Type-checked under node16 (as .mts and .cts) and bundler resolution; not run.
import { type ClientOptions, createClient, type EtClient, isEtkitClientError, type Transport } from '@etkit/client';

const transport: Transport = async () => ({ status: 200, headers: {}, body: '{}' });
const options: ClientOptions = {
  environment: 'test',
  merchantNumber: 'ET82009',
  subMerchantNumber: 'ET82009S001',
  keys: { merchantPrivateKey: 'pem', etPublicKey: 'pem' },
  transport,
};
const client: EtClient = createClient(options);
async function rate(): Promise<unknown> {
  try {
    return (await client.call('get_rate', { idempotent: true })).data;
  } catch (error) {
    return isEtkitClientError(error) ? error.code : undefined;
  }
}

export { rate };
