import keys from '../fixtures/keys.json' with { type: 'json' };

/** Test-only RSA keys copied from the shared vectors (merchant_1024 and et_1024). */
export const testKeys = keys;

export const merchant = { merchantNumber: 'ET82009', subMerchantNumber: 'ET82009S001' } as const;

/** The key pair a merchant configures: its own private key and ET's public key. */
export const clientKeys = { merchantPrivateKey: keys.merchant.privateKeyPem, etPublicKey: keys.et.publicKeyPem };
