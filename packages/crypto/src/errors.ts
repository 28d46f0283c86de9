/** Every failure of @etkit/crypto carries one of these codes. */
export type CryptoErrorCode =
  | 'SIGNATURE_INVALID' // signature present but does not verify
  | 'SIGNATURE_MISSING' // no `sign` where one is required
  | 'DECRYPT_FAILED' // one generic code/message for every decryption failure (no padding oracle)
  | 'KEY_INVALID' // key material could not be imported / wrong kind / too small
  | 'MALFORMED_ENVELOPE' // envelope fields missing or of the wrong type
  | 'MALFORMED_JSON' // text is not JSON (or top level not an object where one is required)
  | 'INVALID_ARGUMENT'; // caller passed something unusable (e.g. non-base64 text)

/** Safe metadata only: never keys, salts, plaintext personal data or ciphertexts. */
export interface CryptoErrorDetails {
  serialNumber?: string;
  serverType?: string;
  statusCode?: string;
}

export class EtkitCryptoError extends Error {
  readonly code: CryptoErrorCode;
  readonly details: CryptoErrorDetails;

  constructor(code: CryptoErrorCode, message: string, details: CryptoErrorDetails = {}) {
    super(message);
    this.name = 'EtkitCryptoError';
    this.code = code;
    this.details = pickSafeDetails(details);
  }
}

export function isEtkitCryptoError(error: unknown): error is EtkitCryptoError {
  return error instanceof EtkitCryptoError;
}

/** The one message every decryption failure gets, whatever went wrong (no padding oracle). */
export const DECRYPT_FAILED_MESSAGE = 'Decryption failed';

export function decryptFailed(details?: CryptoErrorDetails): EtkitCryptoError {
  return new EtkitCryptoError('DECRYPT_FAILED', DECRYPT_FAILED_MESSAGE, details);
}

// Copy only the whitelisted keys, and only string values, so nothing else can ride along.
function pickSafeDetails(details: CryptoErrorDetails): CryptoErrorDetails {
  const safe: CryptoErrorDetails = {};
  if (typeof details.serialNumber === 'string') safe.serialNumber = details.serialNumber;
  if (typeof details.serverType === 'string') safe.serverType = details.serverType;
  if (typeof details.statusCode === 'string') safe.statusCode = details.statusCode;
  return safe;
}
