// Type-checked under node16 (as .mts and .cts) and bundler resolution; not run.
import {
  type CryptoErrorCode,
  defaultProfile,
  isEtkitCryptoError,
  type OpenedResponse,
  type ProtocolProfile,
  type RequestEnvelope,
  sealRequest,
  signNotification,
} from '@etkit/crypto';

const keyWrap: ProtocolProfile['keyWrap'] = defaultProfile.keyWrap;
const sign: string = signNotification({ order_id: 'ET1', pay_amount: '1.00' }, 'salt');
async function seal(merchantPrivateKey: string, etPublicKey: string): Promise<RequestEnvelope> {
  return sealRequest(
    { server_type: 'get_rate', merchant_number: 'M', sub_merchant_number: 'S' },
    { merchantPrivateKey, etPublicKey },
  );
}
function describe(error: unknown): CryptoErrorCode | undefined {
  return isEtkitCryptoError(error) ? error.code : undefined;
}
function statusOf(response: OpenedResponse): string {
  return response.statusCode;
}

export { describe, keyWrap, seal, sign, statusOf };
