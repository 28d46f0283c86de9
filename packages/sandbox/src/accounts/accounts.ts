import { mkdirSync } from 'node:fs';
import {
  importPrivateKey,
  importPublicKey,
  type ProtocolProfile,
  type RsaPrivateKey,
  type RsaPublicKey,
} from '@etkit/crypto';
import { resolveConfig, type SandboxMerchant, type SandboxMerchantInput } from './merchant-config.js';
import type { PemKeyPair } from './pem-keys.js';
import { accountProfile, servedProfile } from './served-profile.js';

export interface AccountOptions {
  dataDir?: string;
  merchants?: SandboxMerchantInput[];
  etKeyPair?: PemKeyPair;
  keyBits?: number;
  profile?: Partial<ProtocolProfile>;
  log?: (line: string) => void;
}

/** Who the sandbox is and whom it serves: ET's keys, the merchants, the protocol profile each is served in. */
export interface Accounts {
  readonly etPrivateKey: RsaPrivateKey;
  readonly etPublicKey: RsaPublicKey;
  readonly etPublicKeyPem: string;
  /** Mutable: tests may change a merchant's faults, notify URL or key. */
  readonly merchants: SandboxMerchant[];
  merchant(merchantNumber: string): SandboxMerchant | undefined;
  /** The merchant's public key, imported once per PEM (a test may swap the PEM). */
  merchantPublicKey(merchant: SandboxMerchant): Promise<RsaPublicKey>;
  profileOf(merchant: SandboxMerchant | undefined): Partial<ProtocolProfile>;
}

export async function openAccounts(options: AccountOptions): Promise<Accounts> {
  const account = accountProfile(options.profile); // first: a bad profile throws before anything is written
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const log = options.log ?? ((line: string) => console.log(line));
  const config = await resolveConfig({
    dataDir: options.dataDir,
    merchants: options.merchants,
    etKeyPair: options.etKeyPair,
    keyBits: options.keyBits ?? 2048,
  });
  for (const line of config.generated) log(`[etkit sandbox] ${line}`);

  const merchants = config.merchants;
  const publicKeys = new Map<string, { pem: string; key: Promise<RsaPublicKey> }>();
  return {
    etPrivateKey: await importPrivateKey(config.etKeys.privateKeyPem),
    etPublicKey: await importPublicKey(config.etKeys.publicKeyPem),
    etPublicKeyPem: config.etKeys.publicKeyPem,
    merchants,
    merchant: (merchantNumber) => merchants.find((m) => m.merchantNumber === merchantNumber),
    merchantPublicKey(merchant) {
      const cached = publicKeys.get(merchant.merchantNumber);
      if (cached && cached.pem === merchant.publicKeyPem) return cached.key;
      const key = importPublicKey(merchant.publicKeyPem);
      publicKeys.set(merchant.merchantNumber, { pem: merchant.publicKeyPem, key });
      return key;
    },
    profileOf: (merchant) => servedProfile(account, merchant),
  };
}
