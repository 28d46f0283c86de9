import vectors from '@etkit/spec/vectors.json' with { type: 'json' };

const pair = (key: { private_pkcs8_pem: string; public_spki_pem: string }) => ({
  privateKeyPem: key.private_pkcs8_pem,
  publicKeyPem: key.public_spki_pem,
});

/** Test-only RSA keys of the spec's vectors (merchant_1024 and et_1024). */
export const testKeys = { merchant: pair(vectors.keys.merchant_1024), et: pair(vectors.keys.et_1024) };
const keys = testKeys;

export const merchant = { merchantNumber: 'ET82009', subMerchantNumber: 'ET82009S001' } as const;

/** The key pair a merchant configures: its own private key and ET's public key. */
export const clientKeys = { merchantPrivateKey: keys.merchant.privateKeyPem, etPublicKey: keys.et.publicKeyPem };
