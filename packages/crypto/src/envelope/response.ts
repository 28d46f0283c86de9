import { EtkitCryptoError } from '../errors.js';
import { importKeyPair } from '../keys/import.js';
import { privateKeyMaterial, publicKeyMaterial } from '../keys/rsa-key.js';
import { assertFields } from '../own-property.js';
import { envelopeProfile } from '../profile.js';
import { parseJsonLossless } from '../raw-json.js';
import { jsonText } from './json-text.js';
import { openSensitive, sealSensitive, sensitivePlaintext } from './sensitive.js';
import { signatureMissing, signEnvelope, verifyEnvelope } from './signature.js';
import type {
  OpenedResponse,
  OpenResponseOptions,
  ResponseEnvelope,
  SealResponseFields,
  SealResponseOptions,
} from './types.js';
import {
  assertUnambiguousFields,
  integerField,
  readWireFields,
  refuseAmpersand,
  safeDetails,
  stringField,
} from './wire-fields.js';

export const SUCCESS_STATUS_CODE = '000000';

// The only response fields that may hold `&` (see assertUnambiguousFields).
const RESPONSE_FREE_TEXT_FIELDS = ['data', 'message', 'return_info', 'extend_info'] as const;

/**
 * ET side (the sandbox): encrypt the sensitive list (if any) for the merchant, then sign with ET's key.
 * `count` defaults to the number of items in `data` (PROTOCOL.md §3 [doc]; the provider's sample response has
 * `count: 0` beside encrypted records). The shared vectors count the encrypted list: pass `count` for that.
 */
export async function sealResponse(
  fields: SealResponseFields,
  options: SealResponseOptions,
): Promise<ResponseEnvelope> {
  assertFields(fields, 'fields');
  assertFields(options, 'options');
  const profile = envelopeProfile(options.profile);
  for (const name of ['status_code', 'message', 'return_info', 'extend_info', 'version'] as const) {
    if (fields[name] !== undefined && typeof fields[name] !== 'string') {
      throw new EtkitCryptoError('INVALID_ARGUMENT', `${name} must be a string`);
    }
  }
  refuseAmpersand(fields, ['status_code', 'version']);
  if (fields.count !== undefined && !Number.isSafeInteger(fields.count)) {
    throw new EtkitCryptoError('INVALID_ARGUMENT', 'count must be an integer');
  }
  if (options.sensitive !== undefined && !Array.isArray(options.sensitive)) {
    throw new EtkitCryptoError('INVALID_ARGUMENT', 'sensitive must be an array');
  }
  if (fields.data !== undefined && typeof fields.data !== 'string' && !Array.isArray(fields.data)) {
    throw new EtkitCryptoError('INVALID_ARGUMENT', 'data must be a list or the JSON text of one');
  }
  const data = jsonText(fields.data, '[]', 'data');
  const [receiverKey, signingKey] = await importKeyPair(options.merchantPublicKey, options.etPrivateKey);
  const plaintext = sensitivePlaintext(options.sensitive, options.sensitiveText);
  const encrypted =
    plaintext === undefined
      ? { sensitive_data: '', aeskey: '' }
      : await sealSensitive(plaintext, publicKeyMaterial(receiverKey), profile, options.aesKey);
  const unsigned: Omit<ResponseEnvelope, 'sign'> = {
    status_code: fields.status_code ?? SUCCESS_STATUS_CODE,
    message: fields.message ?? 'SUCCESS',
    count: fields.count ?? listLength(data),
    data,
    sensitive_data: encrypted.sensitive_data,
    aeskey: encrypted.aeskey,
    return_info: fields.return_info ?? '',
    extend_info: fields.extend_info ?? '',
    version: fields.version ?? profile.version,
  };
  const sign = await signEnvelope(unsigned, privateKeyMaterial(signingKey), profile);
  return { ...unsigned, sign };
}

/**
 * Merchant side (PROTOCOL.md §6): parse keeping each value's wire text, verify ET's signature, then decrypt
 * with the merchant's private key. A business error (status_code ≠ '000000') is returned as data, after
 * verification. An unsigned body is accepted only when it is an error and the profile allows it, and is then
 * marked `verified: false` and never decrypted.
 */
export async function openResponse(
  body: string | Record<string, unknown>,
  options: OpenResponseOptions,
): Promise<OpenedResponse> {
  assertFields(options, 'options');
  const profile = envelopeProfile(options.profile);
  const wire = readWireFields(body);
  const details = safeDetails(wire);
  assertUnambiguousFields(wire, RESPONSE_FREE_TEXT_FIELDS, details);
  const statusCode = stringField(wire, 'status_code', details);
  const message = stringField(wire, 'message', details, '');
  const returnInfo = stringField(wire, 'return_info', details, '');
  const extendInfo = stringField(wire, 'extend_info', details, '');
  const aeskey = stringField(wire, 'aeskey', details, '');
  const sensitiveData = stringField(wire, 'sensitive_data', details, '');
  stringField(wire, 'version', details, '');
  const count = integerField(wire, 'count', details, 0);
  const data = wire.data;
  if (data !== undefined && data.type !== 'string' && data.type !== 'array' && data.type !== 'null') {
    throw new EtkitCryptoError('MALFORMED_ENVELOPE', 'Envelope field data must be a JSON string or a list', details);
  }
  const sign = stringField(wire, 'sign', details, '');

  if (sign === '') {
    if (profile.unsignedResponses === 'accept-errors-unverified' && statusCode !== SUCCESS_STATUS_CODE) {
      // Not authenticated: report the error as received, but never decrypt or trust a payload from it.
      return { statusCode, message, count, data: [], sensitive: [], returnInfo, extendInfo, verified: false };
    }
    throw signatureMissing(details);
  }

  // Await only what is asynchronous: imported handles and a provider's verification answer at once.
  const keys = importKeyPair(options.etPublicKey, options.merchantPrivateKey);
  const [verifyingKey, decryptingKey] = keys instanceof Promise ? await keys : keys;
  const verifying = verifyEnvelope(wire, sign, publicKeyMaterial(verifyingKey), profile);
  if (verifying !== undefined) await verifying;

  // Verified: from here on the body is ET's.
  let sensitive: unknown = [];
  if (aeskey !== '' && sensitiveData !== '') {
    sensitive = openSensitive(aeskey, sensitiveData, privateKeyMaterial(decryptingKey), profile, details);
    if (sensitive instanceof Promise) sensitive = await sensitive;
  } else if (sensitiveData !== '' && sensitiveData !== '[]') {
    throw new EtkitCryptoError('MALFORMED_ENVELOPE', 'sensitive_data is present but aeskey is empty', details);
  }
  let parsedData: unknown = [];
  if (data?.type === 'array') parsedData = data.value;
  else if (data?.type === 'string' && data.text !== '') parsedData = parseJsonLossless(data.text);
  return { statusCode, message, count, data: parsedData, sensitive, returnInfo, extendInfo, verified: true };
}

function listLength(json: string): number {
  const value = parseJsonLossless(json);
  return Array.isArray(value) ? value.length : 0;
}
