import {
  base64Decode,
  base64Encode,
  type ProtocolProfile,
  type RsaPrivateKey,
  type RsaPublicKey,
  sealResponse,
} from '@etkit/crypto';
import type { SandboxFault } from '../faults.js';
import type { OperationResult } from '../operations/index.js';
import { sandboxStatusCodes } from './codes.js';

/** What a request came to: a status and, on success, the operation's result. */
export interface Outcome {
  statusCode: string;
  message: string;
  result: OperationResult;
}

export function errorOutcome(statusCode: string, message: string): Outcome {
  return { statusCode, message, result: {} };
}

export interface SealKeys {
  etPrivateKey: RsaPrivateKey;
  /** The key the response's AES key is wrapped for. */
  merchantPublicKey: RsaPublicKey;
  profile: Partial<ProtocolProfile>;
}

/** Flip one bit of a base64 signature so it no longer verifies (fault injection). */
function corruptSignature(sign: string): string {
  if (sign === '') return 'AAAA';
  const bytes = base64Decode(sign);
  bytes[bytes.length - 1]! ^= 0x01;
  return base64Encode(bytes);
}

/** The signed response envelope of an outcome, as JSON text; a `wrongSignature` fault spoils its signature. */
export async function sealAnswer(
  outcome: Outcome,
  returnInfo: string,
  keys: SealKeys,
  fault: SandboxFault,
): Promise<string> {
  const data = outcome.result.data ?? [];
  const envelope = await sealResponse(
    {
      status_code: outcome.statusCode,
      message: outcome.message,
      data,
      // PROTOCOL.md §3 [doc]: the number of items in the `data` list, also when records travel encrypted (the
      // provider's sample has count 0 beside a non-empty sensitive_data).
      count: data.length,
      return_info: returnInfo,
    },
    {
      etPrivateKey: keys.etPrivateKey,
      merchantPublicKey: keys.merchantPublicKey,
      profile: keys.profile,
      ...(outcome.result.sensitive ? { sensitive: outcome.result.sensitive } : {}),
    },
  );
  if (fault.wrongSignature) envelope.sign = corruptSignature(envelope.sign);
  return JSON.stringify(envelope);
}

/** Last resort when sealing itself fails: the sandbox must still answer. Unsigned, so only an error. */
export const unsealedInternalError = JSON.stringify({
  status_code: sandboxStatusCodes.internalError,
  message: 'sandbox internal error',
  count: 0,
  data: '[]',
  sensitive_data: '',
  aeskey: '',
  sign: '',
  return_info: '',
  extend_info: '',
  version: '2.0.0',
});
