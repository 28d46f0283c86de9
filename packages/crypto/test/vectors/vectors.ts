import { readSpecText } from '@etkit/spec';

interface KeySet {
  private_pkcs8_pem: string;
  public_spki_pem: string;
  private_pkcs1_pem?: string;
  private_pkcs8_der_b64?: string;
  public_spki_der_b64?: string;
}

export interface Vectors {
  notification_md5: { salt: string; fields: Record<string, string>; string_to_hash: string; sign: string };
  aes_128_cbc_key_is_iv: Array<{ key: string; plaintext: string; ciphertext_b64: string }>;
  keys: Record<'merchant_1024' | 'et_1024' | 'merchant_2048', KeySet>;
  rsa_key_unwrap: Array<{
    key: 'merchant_1024' | 'merchant_2048';
    padding: string;
    ciphertext_b64: string;
    plaintext: string;
  }>;
  rsa_sha256_sign: Array<{ key: 'merchant_1024' | 'merchant_2048'; string: string; sign_b64: string }>;
  create_order_plaintext: { sensitive: Record<string, unknown> };
  sealed_request: {
    envelope: Record<string, string | number>;
    string_to_sign: string;
    aes_key: string;
    sensitive: Record<string, unknown>;
  };
  sealed_response_plain: { envelope: Record<string, string | number>; string_to_sign: string };
  sealed_response_encrypted: {
    envelope: Record<string, string | number>;
    string_to_sign: string;
    sensitive: unknown[];
  };
  sealed_response_encrypted_oaep_sha256: { envelope: Record<string, string | number>; sensitive: unknown[] };
  sealed_response_error: { envelope: Record<string, string | number> };
  tampered_response: { envelope: Record<string, string | number> };
  response_shape: { envelope: Record<string, string | number> };
  notifications: {
    salt: string;
    cases: Array<{
      kind: string;
      content_type: string;
      body: string;
      valid: boolean;
      note?: string;
      ack?: { order_id: string; notify_result: string; sign: string };
    }>;
  };
}

/** The raw text of the vectors file (tests that need exact wire text re-read members from it). */
export const vectorsText = readSpecText('vectors.json');
export const vectors: Vectors = JSON.parse(vectorsText);
