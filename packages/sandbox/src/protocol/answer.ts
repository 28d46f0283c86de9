import {
  isEtkitCryptoError,
  openRequest,
  type ProtocolProfile,
  type RsaPrivateKey,
  type RsaPublicKey,
  resolveProfile,
} from '@etkit/crypto';
import type { SandboxMerchant } from '../accounts/merchant-config.js';
import { SandboxApiError } from '../errors.js';
import type { SandboxFault } from '../faults.js';
import type { OperationContext } from '../operations/index.js';
import { checkRequestPayloads, operationByServerType, operationHandlers } from '../operations/index.js';
import { sandboxStatusCodes } from './codes.js';
import type { RequestReading } from './read-request.js';
import { textOf } from './read-request.js';
import { errorOutcome, type Outcome, sealAnswer, unsealedInternalError } from './seal-answer.js';

/** Envelope fields every request must carry as strings (PROTOCOL.md §2). */
const requiredEnvelopeFields = ['serial_number', 'merchant_number', 'sub_merchant_number', 'server_type', 'version'];

export interface ProtocolCoreDependencies {
  etPrivateKey: RsaPrivateKey;
  etPublicKey: RsaPublicKey;
  merchant: (merchantNumber: string) => SandboxMerchant | undefined;
  merchantPublicKey: (merchant: SandboxMerchant) => Promise<RsaPublicKey>;
  /** Remembers a serial number; false when the merchant used it before. */
  claimSerialNumber: (merchantNumber: string, serialNumber: string) => boolean;
  /** The profile a merchant (or, before one is known, the account) is served in; see accounts/served-profile.ts. */
  profileOf: (merchant: SandboxMerchant | undefined) => Partial<ProtocolProfile>;
  /** Everything of the operation context that does not come from the request. */
  context: () => Omit<OperationContext, 'merchant' | 'subMerchantNumber' | 'envelope' | 'data' | 'sensitive'>;
}

interface Checked {
  outcome: Outcome;
  merchant?: SandboxMerchant;
  returnInfo: string;
}

function cryptoFailure(error: unknown): SandboxApiError {
  if (!isEtkitCryptoError(error)) throw error;
  switch (error.code) {
    case 'SIGNATURE_INVALID':
    case 'SIGNATURE_MISSING':
      return new SandboxApiError(sandboxStatusCodes.signatureInvalid, 'signature verification failed');
    case 'DECRYPT_FAILED':
      return new SandboxApiError(sandboxStatusCodes.decryptFailed, 'sensitive_data could not be decrypted');
    case 'MALFORMED_ENVELOPE':
    case 'MALFORMED_JSON':
    case 'INVALID_ARGUMENT':
      return new SandboxApiError(sandboxStatusCodes.malformedRequest, 'malformed request envelope');
    default:
      return new SandboxApiError(sandboxStatusCodes.internalError, 'sandbox key problem');
  }
}

function asObject(value: unknown, name: string): Record<string, unknown> {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new SandboxApiError(sandboxStatusCodes.malformedRequest, `${name} must hold a JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * The protocol core: one request (already read) in, one sealed and signed response envelope out. It checks the
 * request as PROTOCOL.md describes — JSON, envelope fields, merchant, signature (verify before decrypt), serial
 * number — then runs the operation. Every failure becomes an error envelope; nothing throws.
 */
export function createProtocolCore(
  deps: ProtocolCoreDependencies,
): (reading: RequestReading, fault: SandboxFault) => Promise<string> {
  async function check({ envelope, fields }: RequestReading): Promise<Checked> {
    if (!envelope || !fields) {
      return {
        outcome: errorOutcome(
          sandboxStatusCodes.malformedRequest,
          'request body is not a JSON object of at most 64 envelope fields',
        ),
        returnInfo: '',
      };
    }
    const returnInfo = textOf(fields, 'return_info') ?? '';
    const missing = requiredEnvelopeFields.filter((name) => !textOf(fields, name));
    const merchantNumber = textOf(fields, 'merchant_number');
    const merchant = merchantNumber === undefined ? undefined : deps.merchant(merchantNumber);
    if (missing.length > 0) {
      const message = `missing or non-string envelope field(s): ${missing.join(', ')}`;
      return { outcome: errorOutcome(sandboxStatusCodes.fieldInvalid, message), merchant, returnInfo };
    }
    if (!merchant)
      return { outcome: errorOutcome(sandboxStatusCodes.unknownMerchant, 'unknown merchant_number'), returnInfo };
    const subMerchantNumber = textOf(fields, 'sub_merchant_number')!;
    if (!merchant.subMerchantNumbers.includes(subMerchantNumber)) {
      return {
        outcome: errorOutcome(sandboxStatusCodes.unknownMerchant, 'unknown sub_merchant_number'),
        merchant,
        returnInfo,
      };
    }
    const expectedVersion = resolveProfile(deps.profileOf(merchant)).version;
    if (textOf(fields, 'version') !== expectedVersion) {
      const message = `version must be ${expectedVersion} (the merchant's protocol profile)`;
      return { outcome: errorOutcome(sandboxStatusCodes.fieldInvalid, message), merchant, returnInfo };
    }
    if (!textOf(fields, 'sign')) {
      return { outcome: errorOutcome(sandboxStatusCodes.signatureInvalid, 'sign is missing'), merchant, returnInfo };
    }
    try {
      // The reading, not the text: crypto verifies over the wire texts it read, without parsing the body again.
      const opened = await openRequest(envelope, {
        merchantPublicKey: await deps.merchantPublicKey(merchant),
        etPrivateKey: deps.etPrivateKey,
        profile: deps.profileOf(merchant),
      });
      if (!deps.claimSerialNumber(merchant.merchantNumber, textOf(fields, 'serial_number')!)) {
        throw new SandboxApiError(sandboxStatusCodes.serialNumberReused, 'serial_number was already used');
      }
      const serverType = textOf(fields, 'server_type')!;
      const name = Object.hasOwn(operationByServerType, serverType) ? operationByServerType[serverType] : undefined;
      if (!name) throw new SandboxApiError(sandboxStatusCodes.unknownServerType, 'unknown server_type');
      const sensitive = opened.sensitive === undefined ? undefined : asObject(opened.sensitive, 'sensitive_data');
      const context: OperationContext = {
        ...deps.context(),
        merchant,
        subMerchantNumber,
        envelope: opened.fields,
        data: asObject(opened.data, 'data'),
        sensitive,
      };
      checkRequestPayloads(name, serverType, context);
      const result = await operationHandlers[name](context);
      return { outcome: { statusCode: sandboxStatusCodes.success, message: 'SUCCESS', result }, merchant, returnInfo };
    } catch (error) {
      const failure = error instanceof SandboxApiError ? error : cryptoFailure(error);
      return { outcome: errorOutcome(failure.statusCode, failure.message), merchant, returnInfo };
    }
  }

  return async (reading, fault) => {
    try {
      const { outcome, merchant, returnInfo } = await check(reading);
      // Before the merchant is known there is no key to wrap an AES key for; error bodies carry no
      // sensitive data, so ET's own public key stands in (it is never used) and the body is still signed.
      const merchantPublicKey = merchant ? await deps.merchantPublicKey(merchant) : deps.etPublicKey;
      const keys = { etPrivateKey: deps.etPrivateKey, merchantPublicKey, profile: deps.profileOf(merchant) };
      return await sealAnswer(outcome, returnInfo, keys, fault);
    } catch {
      return unsealedInternalError;
    }
  };
}
