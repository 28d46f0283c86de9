import { EtkitCryptoError } from '../errors.js';
import { importKeyPair } from '../keys/import.js';
import { privateKeyMaterial, publicKeyMaterial } from '../keys/rsa-key.js';
import { assertFields } from '../own-property.js';
import { envelopeProfile } from '../profile.js';
import { parseJsonLossless } from '../raw-json.js';
import { createSerialNumber } from '../serial-number.js';
import { jsonText } from './json-text.js';
import { isReadEnvelope, type ReadEnvelope } from './read-envelope.js';
import { openSensitive, sealSensitive, sensitivePlaintext } from './sensitive.js';
import { signatureMissing, signEnvelope, verifyEnvelope } from './signature.js';
import type {
  OpenedRequest,
  OpenRequestOptions,
  RequestEnvelope,
  SealRequestFields,
  SealRequestOptions,
} from './types.js';
import {
  assertUnambiguousFields,
  integerField,
  readWireFields,
  refuseAmpersand,
  safeDetails,
  stringField,
  wireTexts,
} from './wire-fields.js';

// The only request fields that may hold `&` (see assertUnambiguousFields).
const REQUEST_FREE_TEXT_FIELDS = ['data', 'return_info', 'extend_info'] as const;

/**
 * Merchant side (PROTOCOL.md §5): encrypt the sensitive fields (if any) under a fresh AES key wrapped with
 * ET's public key, then sign every other field with the merchant's private key. The result is ready for
 * JSON.stringify; the signature covers exactly the values it holds.
 */
export async function sealRequest(fields: SealRequestFields, options: SealRequestOptions): Promise<RequestEnvelope> {
  assertFields(fields, 'fields');
  assertFields(options, 'options');
  const profile = envelopeProfile(options.profile);
  for (const name of ['server_type', 'merchant_number', 'sub_merchant_number'] as const) {
    if (typeof fields[name] !== 'string' || fields[name].length === 0) {
      throw new EtkitCryptoError('INVALID_ARGUMENT', `${name} must be a non-empty string`);
    }
  }
  for (const name of ['serial_number', 'version', 'return_info', 'extend_info'] as const) {
    if (fields[name] !== undefined && typeof fields[name] !== 'string') {
      throw new EtkitCryptoError('INVALID_ARGUMENT', `${name} must be a string`);
    }
  }
  refuseAmpersand(fields, ['server_type', 'merchant_number', 'sub_merchant_number', 'serial_number', 'version']);
  const callbackProcess = fields.callback_process ?? profile.callbackProcess;
  if (callbackProcess !== 0 && callbackProcess !== 1) {
    throw new EtkitCryptoError('INVALID_ARGUMENT', 'callback_process must be 0 or 1');
  }
  const data = jsonText(fields.data, '{}', 'data');
  const plaintext = sensitivePlaintext(options.sensitive, options.sensitiveText);
  const [receiverKey, signingKey] = await importKeyPair(options.etPublicKey, options.merchantPrivateKey);
  const encrypted =
    plaintext === undefined
      ? { sensitive_data: '', aeskey: '' }
      : await sealSensitive(plaintext, publicKeyMaterial(receiverKey), profile, options.aesKey);
  const unsigned: Omit<RequestEnvelope, 'sign'> = {
    serial_number:
      fields.serial_number ??
      createSerialNumber(fields.merchant_number, { utcOffsetMinutes: profile.serialNumberUtcOffsetMinutes }),
    merchant_number: fields.merchant_number,
    sub_merchant_number: fields.sub_merchant_number,
    server_type: fields.server_type,
    version: fields.version ?? profile.version,
    callback_process: callbackProcess,
    data,
    sensitive_data: encrypted.sensitive_data,
    aeskey: encrypted.aeskey,
    extend_info: fields.extend_info ?? '',
    return_info: fields.return_info ?? '',
  };
  const sign = await signEnvelope(unsigned, privateKeyMaterial(signingKey), profile);
  return { ...unsigned, sign };
}

/**
 * ET side (and the sandbox): verify the merchant's signature over the fields exactly as received, then
 * decrypt `sensitive_data` with ET's private key. Nothing is decrypted unless the signature verifies. `body` is
 * the JSON text, or what {@link readEnvelope} read of it (not parsed again), or a parsed object (see readWireFields).
 */
export async function openRequest(
  body: string | Record<string, unknown> | ReadEnvelope,
  options: OpenRequestOptions,
): Promise<OpenedRequest> {
  assertFields(options, 'options');
  const profile = envelopeProfile(options.profile);
  const read = isReadEnvelope(body);
  const wire = read ? body.fields : readWireFields(body);
  const details = safeDetails(wire);
  assertUnambiguousFields(wire, REQUEST_FREE_TEXT_FIELDS, details);
  for (const name of ['serial_number', 'merchant_number', 'sub_merchant_number', 'server_type', 'version']) {
    stringField(wire, name, details);
  }
  for (const name of ['sensitive_data', 'aeskey', 'extend_info', 'return_info']) stringField(wire, name, details, '');
  integerField(wire, 'callback_process', details, 0);
  const data = wire.data;
  if (data !== undefined && data.type !== 'string' && data.type !== 'object' && data.type !== 'null') {
    throw new EtkitCryptoError('MALFORMED_ENVELOPE', 'Envelope field data must be a JSON string or an object', details);
  }
  const sign = stringField(wire, 'sign', details, '');
  if (sign === '') throw signatureMissing(details);

  // Await only what is asynchronous: imported handles and a provider's verification answer at once.
  const keys = importKeyPair(options.merchantPublicKey, options.etPrivateKey);
  const [verifyingKey, decryptingKey] = keys instanceof Promise ? await keys : keys;
  const verifying = verifyEnvelope(wire, sign, publicKeyMaterial(verifyingKey), profile);
  if (verifying !== undefined) await verifying;

  // Verified: from here on the body is the merchant's.
  const aeskey = stringField(wire, 'aeskey', details, '');
  const sensitiveData = stringField(wire, 'sensitive_data', details, '');
  let sensitive: unknown;
  if (aeskey !== '' && sensitiveData !== '') {
    sensitive = openSensitive(aeskey, sensitiveData, privateKeyMaterial(decryptingKey), profile, details);
    if (sensitive instanceof Promise) sensitive = await sensitive;
  } else if (sensitiveData !== '') {
    throw new EtkitCryptoError('MALFORMED_ENVELOPE', 'sensitive_data is present but aeskey is empty', details);
  }
  let parsedData: unknown = {};
  // From a read envelope, an object is taken from its text again: the signed text, whatever became of the value.
  if (data?.type === 'object') parsedData = read ? parseJsonLossless(data.text) : data.value;
  else if (data?.type === 'string' && data.text !== '') parsedData = parseJsonLossless(data.text);
  return { fields: wireTexts(wire), data: parsedData, sensitive };
}
