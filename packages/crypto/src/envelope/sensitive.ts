import { AES_KEY_LENGTH, aesCbcDecrypt, aesCbcEncrypt, generateAesKey } from '../aes.js';
import { base64Decode, base64Encode, utf8Encode } from '../bytes.js';
import { type CryptoErrorDetails, decryptFailed, EtkitCryptoError } from '../errors.js';
import type { PrivateKeyMaterial, PublicKeyMaterial } from '../keys/rsa-key.js';
import { aesKeyBytes } from '../primitives.js';
import type { ProtocolProfile } from '../profile.js';
import { parseJsonLossless } from '../raw-json.js';
import { unwrapKey, wrapKey } from '../rsa/key-wrap.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Compact JSON text of the sensitive fields. Throws INVALID_ARGUMENT for values JSON cannot carry
 * (BigInt, cycles) instead of silently sending something else.
 */
export function sensitiveJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (typeof text !== 'string')
    throw new EtkitCryptoError('INVALID_ARGUMENT', 'Sensitive fields are not JSON-serialisable');
  return text;
}

/** The text to encrypt: `sensitiveText` verbatim (it must be JSON), else the compact JSON of `sensitive`. */
export function sensitivePlaintext(sensitive: unknown, sensitiveText: string | undefined): string | undefined {
  if (sensitiveText !== undefined) {
    if (typeof sensitiveText !== 'string')
      throw new EtkitCryptoError('INVALID_ARGUMENT', 'sensitiveText must be a string');
    try {
      parseJsonLossless(sensitiveText);
    } catch {
      throw new EtkitCryptoError('INVALID_ARGUMENT', 'sensitiveText is not JSON text');
    }
    return sensitiveText;
  }
  return sensitive === undefined ? undefined : sensitiveJson(sensitive);
}

/** Encrypts the JSON text under a fresh (or the given test) AES key and wraps that key for the receiver. */
export async function sealSensitive(
  json: string,
  receiverKey: PublicKeyMaterial,
  profile: ProtocolProfile,
  fixedAesKey: string | undefined,
): Promise<{ sensitive_data: string; aeskey: string }> {
  const aesKey = fixedAesKey === undefined ? generateAesKey(profile.aesKeyAlphabet) : aesKeyBytes(fixedAesKey);
  const ciphertext = aesCbcEncrypt(aesKey, utf8Encode(json));
  const wrapped = await wrapKey(profile.keyWrap, receiverKey, aesKey);
  return { sensitive_data: base64Encode(ciphertext), aeskey: base64Encode(wrapped) };
}

/**
 * Unwraps the AES key and decrypts + parses `sensitive_data`. Every failure — bad base64, RSA padding, key
 * length, AES padding, invalid UTF-8, invalid JSON — is the same DECRYPT_FAILED. Call only after verifying.
 * A promise only when the unwrapping is asynchronous (OAEP by Web Crypto, or an asynchronous provider): an
 * await per envelope was a measurable share of opening one with RSA-1024.
 */
export function openSensitive(
  aeskey: string,
  sensitiveData: string,
  key: PrivateKeyMaterial,
  profile: ProtocolProfile,
  details: CryptoErrorDetails,
): unknown | Promise<unknown> {
  let aesKey: Uint8Array | Promise<Uint8Array>;
  try {
    aesKey = unwrapKey(profile.keyWrap, key, base64Decode(aeskey));
  } catch {
    throw decryptFailed(details);
  }
  if (aesKey instanceof Promise) {
    return aesKey.then(
      (unwrapped) => decryptSensitive(unwrapped, sensitiveData, details),
      () => {
        throw decryptFailed(details);
      },
    );
  }
  return decryptSensitive(aesKey, sensitiveData, details);
}

function decryptSensitive(aesKey: Uint8Array, sensitiveData: string, details: CryptoErrorDetails): unknown {
  try {
    if (aesKey.length !== AES_KEY_LENGTH) throw decryptFailed();
    const plaintext = aesCbcDecrypt(aesKey, base64Decode(sensitiveData));
    return parseJsonLossless(strictUtf8.decode(plaintext));
  } catch {
    throw decryptFailed(details);
  }
}
