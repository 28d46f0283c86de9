// Runtime smoke checks: run unchanged under Bun, Deno, Node and workerd. They import the package by name (so the
// export map is exercised), replay golden vectors, sign/verify and seal/open, and return a summary of booleans
// and error codes for the test to assert; never keys, plaintexts or ciphertexts. Run as a script (Bun, Deno),
// this file prints the summary as one JSON line; workerd-entry.ts answers it from a Worker's fetch instead,
// because Workers refuse random numbers and key generation outside a request.
import {
  aesDecrypt,
  aesEncrypt,
  base64Decode,
  base64Encode,
  decryptAesKey,
  generateKeyPair,
  hexEncode,
  openRequest,
  openResponse,
  parseJsonLossless,
  sealRequest,
  sealResponse,
  signNotification,
  signText,
  utf8Decode,
  verifyText,
} from '@etkit/crypto';
import vectors from '@etkit/spec/vectors.json' with { type: 'json' };

const padding = { pkcs1: 'rsa-pkcs1-v1_5', 'oaep-sha256': 'rsa-oaep-sha256', 'oaep-sha1': 'rsa-oaep-sha1' } as const;

export async function runSmoke(): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  const keys = vectors.keys;

  results.aes = vectors.aes_128_cbc_key_is_iv.every(
    (v) =>
      aesEncrypt(v.key, v.plaintext) === v.ciphertext_b64 &&
      utf8Decode(aesDecrypt(v.key, v.ciphertext_b64)) === v.plaintext,
  );
  results.signatures = (
    await Promise.all(
      vectors.rsa_sha256_sign.map(
        async (v) => (await signText(v.string, keys[v.key as 'merchant_1024'].private_pkcs8_pem)) === v.sign_b64,
      ),
    )
  ).every(Boolean);
  results.unwrap = (
    await Promise.all(
      vectors.rsa_key_unwrap.map(async (v) => {
        const secret = await decryptAesKey(v.ciphertext_b64, keys[v.key as 'merchant_1024'].private_pkcs8_pem, {
          keyWrap: padding[v.padding as keyof typeof padding],
        });
        return utf8Decode(secret) === v.plaintext;
      }),
    )
  ).every(Boolean);
  // Where the runtime has Uint8Array.fromBase64/toBase64 they do the work; the strict rules must hold all the same.
  results.base64 =
    hexEncode(base64Decode('AAEC\r\nAwQF\n')) === '000102030405' &&
    base64Encode(base64Decode('/+8A')) === '/+8A' &&
    ['QQ', 'QR==', 'ab-_', 'QQ==\f', 'QQ==='].every((text) => {
      try {
        base64Decode(text);
        return false;
      } catch (error) {
        return (error as { code?: string }).code === 'INVALID_ARGUMENT';
      }
    });
  results.md5 =
    signNotification(vectors.notification_md5.fields, vectors.notification_md5.salt) === vectors.notification_md5.sign;

  const etSide = {
    merchantPublicKey: keys.merchant_1024.public_spki_pem,
    etPrivateKey: keys.et_1024.private_pkcs8_pem,
  };
  const merchantSide = {
    etPublicKey: keys.et_1024.public_spki_pem,
    merchantPrivateKey: keys.merchant_1024.private_pkcs8_pem,
  };
  const request = await openRequest(JSON.stringify(vectors.sealed_request.envelope), etSide);
  results.sealedRequest = JSON.stringify(request.sensitive) === JSON.stringify(vectors.sealed_request.sensitive);
  const response = await openResponse(JSON.stringify(vectors.sealed_response_encrypted.envelope), merchantSide);
  results.sealedResponse =
    JSON.stringify(response.sensitive) === JSON.stringify(vectors.sealed_response_encrypted.sensitive);
  try {
    await openResponse(JSON.stringify(vectors.tampered_response.envelope), merchantSide);
    results.tampered = 'accepted';
  } catch (error) {
    results.tampered = (error as { code?: string }).code;
  }

  // Fresh keys from this runtime's Web Crypto, then a full round trip in both directions.
  const merchant = await generateKeyPair(1024);
  const et = await generateKeyPair(1024);
  const sensitive = { name_ch: '测试😀', tuition: 130, amount: parseJsonLossless('10000.00') };
  const sealed = await sealRequest(
    { server_type: 'add_special_rent_order', merchant_number: 'ET82009', sub_merchant_number: 'ET82009S001' },
    { sensitive, merchantPrivateKey: merchant.privateKeyPem, etPublicKey: et.publicKeyPem },
  );
  const opened = await openRequest(JSON.stringify(sealed), {
    merchantPublicKey: merchant.publicKeyPem,
    etPrivateKey: et.privateKeyPem,
  });
  results.requestRoundTrip = JSON.stringify(opened.sensitive) === JSON.stringify(sensitive);
  const reply = await sealResponse(
    { data: [{ order_id: 'ET1' }] },
    {
      sensitive: [sensitive],
      etPrivateKey: et.privateKeyPem,
      merchantPublicKey: merchant.publicKeyPem,
      profile: { keyWrap: 'rsa-oaep-sha256' },
    },
  );
  const read = await openResponse(JSON.stringify(reply), {
    etPublicKey: et.publicKeyPem,
    merchantPrivateKey: merchant.privateKeyPem,
    profile: { keyWrap: 'rsa-oaep-sha256' },
  });
  results.responseRoundTrip = JSON.stringify(read.sensitive) === JSON.stringify([sensitive]) && read.count === 1;
  results.signVerify = await verifyText('a=1', await signText('a=1', merchant.privateKeyPem), merchant.publicKeyPem);
  return results;
}

if ((import.meta as { main?: boolean }).main) console.log(JSON.stringify(await runSmoke()));
