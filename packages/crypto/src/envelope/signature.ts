import { base64Decode, base64Encode } from '../bytes.js';
import { canonicalString, type WireFieldValue } from '../canonical.js';
import { type CryptoErrorDetails, EtkitCryptoError } from '../errors.js';
import type { PrivateKeyMaterial, PublicKeyMaterial } from '../keys/rsa-key.js';
import type { ProtocolProfile } from '../profile.js';
import { rsaSign, rsaVerify } from '../rsa/signature.js';
import type { WireFields } from './wire-fields.js';

/** Signs the canonical string of `fields` (PROTOCOL.md §5.3) and returns the base64 `sign`. */
export async function signEnvelope(
  fields: Record<string, WireFieldValue>,
  key: PrivateKeyMaterial,
  profile: ProtocolProfile,
): Promise<string> {
  const text = canonicalString(fields, { form: profile.canonicalForm });
  return base64Encode(await rsaSign(key, profile.signatureHash, text));
}

/**
 * Verifies `sign` over the other fields exactly as received. SIGNATURE_INVALID carries no details at all:
 * nothing of a body that failed verification leaves this function.
 */
export function verifyEnvelope(
  fields: WireFields,
  sign: string,
  key: PublicKeyMaterial,
  profile: ProtocolProfile,
): undefined | Promise<void> {
  let signature: Uint8Array | undefined;
  try {
    signature = base64Decode(sign);
  } catch {
    signature = undefined;
  }
  const text = canonicalString(fields, { form: profile.canonicalForm });
  if (signature === undefined) throw signatureInvalid();
  // Synchronous when the provider verifies (see rsaVerify); a promise only for Web Crypto.
  const valid = rsaVerify(key, profile.signatureHash, text, signature);
  if (valid instanceof Promise) return valid.then(requireValid);
  requireValid(valid);
  return undefined;
}

function requireValid(valid: boolean): void {
  if (!valid) throw signatureInvalid();
}

function signatureInvalid(): EtkitCryptoError {
  return new EtkitCryptoError('SIGNATURE_INVALID', 'Envelope signature does not verify');
}

export function signatureMissing(details: CryptoErrorDetails): EtkitCryptoError {
  return new EtkitCryptoError('SIGNATURE_MISSING', 'Envelope has no sign', details);
}
