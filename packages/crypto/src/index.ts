export { base64Decode, base64Encode, constantTimeEqual, hexEncode, utf8Decode, utf8Encode } from './bytes.js';
export { type CanonicalStringOptions, canonicalString, type WireFieldValue } from './canonical.js';
export { type ReadEnvelope, readEnvelope } from './envelope/read-envelope.js';
export { openRequest, sealRequest } from './envelope/request.js';
export { openResponse, sealResponse } from './envelope/response.js';
export type {
  OpenedRequest,
  OpenedResponse,
  OpenRequestOptions,
  OpenResponseOptions,
  RequestEnvelope,
  ResponseEnvelope,
  SealRequestFields,
  SealRequestOptions,
  SealResponseFields,
  SealResponseOptions,
} from './envelope/types.js';
export { type CryptoErrorCode, type CryptoErrorDetails, EtkitCryptoError, isEtkitCryptoError } from './errors.js';
export { generateKeyPair } from './keys/generate.js';
export { importPrivateKey, importPublicKey } from './keys/import.js';
export type { PrivateKeyInput, PublicKeyInput, RsaPrivateKey, RsaPublicKey } from './keys/rsa-key.js';
export {
  type NotificationRule,
  notificationSigningString,
  signNotification,
  verifyNotification,
} from './notification-signature.js';
export {
  aesDecrypt,
  aesEncrypt,
  decryptAesKey,
  encryptAesKey,
  signText,
  verifyText,
} from './primitives.js';
export { defaultProfile, type ProtocolProfile, resolveProfile } from './profile.js';
export { parseJsonLossless, parseRawJsonObject, type RawJsonValue } from './raw-json.js';
export type { KeyWrap } from './rsa/key-wrap.js';
export type { SignatureHash } from './rsa/signature.js';
export { createSerialNumber, type SerialNumberOptions } from './serial-number.js';
