import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { ProtocolProfile } from '@etkit/crypto';
import type { SandboxFault } from '../faults.js';
import { writeFileAtomic } from '../world/store.js';
import { generatePemKeyPair, type PemKeyPair } from './pem-keys.js';

/** A merchant account as given to `createSandbox` or written in `sandbox.json`. */
export interface SandboxMerchantInput {
  merchantNumber: string;
  subMerchantNumbers?: string[];
  /** The merchant's public key (PEM or bare base64 DER). Generated with `privateKeyPem` when absent. */
  publicKeyPem?: string;
  /** Kept only so tests and the developer can use it; never logged. */
  privateKeyPem?: string;
  /** In sandbox.json: key files, relative to the data directory. */
  publicKeyFile?: string;
  privateKeyFile?: string;
  salt?: string;
  /** The merchant's configured URL for refund results and remittance vouchers. */
  notifyUrl?: string;
  notificationEncoding?: 'json' | 'form';
  profile?: Partial<ProtocolProfile>;
  faults?: SandboxFault;
}

/** A merchant as the sandbox runs it. Mutable: tests may change `faults`, `notifyUrl` or `notificationEncoding`. */
export interface SandboxMerchant {
  merchantNumber: string;
  subMerchantNumbers: string[];
  publicKeyPem: string;
  privateKeyPem: string | undefined;
  publicKeyFile: string | undefined;
  privateKeyFile: string | undefined;
  salt: string;
  notifyUrl: string | undefined;
  notificationEncoding: 'json' | 'form';
  profile: Partial<ProtocolProfile>;
  faults: SandboxFault;
}

interface ConfigFile {
  etKeys?: { privateKeyFile: string; publicKeyFile: string };
  merchants?: SandboxMerchantInput[];
}

export interface ResolvedConfig {
  etKeys: PemKeyPair;
  merchants: SandboxMerchant[];
  /** Lines to print once: what was generated and where it was written. */
  generated: string[];
}

const merchantNumberPattern = /^[A-Za-z0-9_-]{1,32}$/;

function readConfigFile(dataDir: string): ConfigFile | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, 'sandbox.json'), 'utf8')) as ConfigFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${join(dataDir, 'sandbox.json')}: ${(error as Error).message}`);
  }
}

function resolvePath(dataDir: string | undefined, file: string): string {
  return isAbsolute(file) || !dataDir ? file : join(dataDir, file);
}

function readKey(dataDir: string | undefined, file: string | undefined): string | undefined {
  return file === undefined ? undefined : readFileSync(resolvePath(dataDir, file), 'utf8');
}

async function resolveMerchant(
  input: SandboxMerchantInput,
  dataDir: string | undefined,
  keyBits: number,
  generated: string[],
): Promise<SandboxMerchant> {
  if (!merchantNumberPattern.test(input.merchantNumber)) throw new Error('merchantNumber must be 1-32 letters/digits');
  let publicKeyPem = input.publicKeyPem ?? readKey(dataDir, input.publicKeyFile);
  let privateKeyPem = input.privateKeyPem ?? readKey(dataDir, input.privateKeyFile);
  let { publicKeyFile, privateKeyFile } = input;
  if (publicKeyPem === undefined) {
    const pair = await generatePemKeyPair(keyBits);
    publicKeyPem = pair.publicKeyPem;
    privateKeyPem = pair.privateKeyPem;
    if (dataDir) {
      publicKeyFile = `keys/${input.merchantNumber}-merchant-public.pem`;
      privateKeyFile = `keys/${input.merchantNumber}-merchant-private.pem`;
      writeFileAtomic(join(dataDir, publicKeyFile), pair.publicKeyPem);
      writeFileAtomic(join(dataDir, privateKeyFile), pair.privateKeyPem, 0o600);
      generated.push(
        `merchant ${input.merchantNumber}: key pair written to ${join(dataDir, privateKeyFile)} (private) and ${join(dataDir, publicKeyFile)}`,
      );
    }
  }
  return {
    merchantNumber: input.merchantNumber,
    subMerchantNumbers: input.subMerchantNumbers?.length
      ? [...input.subMerchantNumbers]
      : [`${input.merchantNumber}S001`],
    publicKeyPem,
    privateKeyPem,
    publicKeyFile,
    privateKeyFile,
    salt: input.salt ?? randomBytes(12).toString('hex'),
    notifyUrl: input.notifyUrl || undefined,
    notificationEncoding: input.notificationEncoding ?? 'json',
    profile: { ...input.profile },
    faults: { ...input.faults },
  };
}

function toConfigEntry(merchant: SandboxMerchant): SandboxMerchantInput {
  return {
    merchantNumber: merchant.merchantNumber,
    subMerchantNumbers: merchant.subMerchantNumbers,
    ...(merchant.publicKeyFile
      ? { publicKeyFile: merchant.publicKeyFile, privateKeyFile: merchant.privateKeyFile }
      : { publicKeyPem: merchant.publicKeyPem }),
    salt: merchant.salt,
    ...(merchant.notifyUrl ? { notifyUrl: merchant.notifyUrl } : {}),
    notificationEncoding: merchant.notificationEncoding,
    profile: merchant.profile,
  };
}

/**
 * Merchants and ET keys, in this order of preference: the options, `dataDir/sandbox.json`, generated on
 * first start (and then written to `dataDir` so the next start finds them).
 */
export async function resolveConfig(options: {
  dataDir: string | undefined;
  merchants: SandboxMerchantInput[] | undefined;
  etKeyPair: PemKeyPair | undefined;
  keyBits: number;
}): Promise<ResolvedConfig> {
  const { dataDir, keyBits } = options;
  const file = dataDir ? readConfigFile(dataDir) : undefined;
  const generated: string[] = [];
  let dirty = false;

  let etKeys = options.etKeyPair;
  if (!etKeys && file?.etKeys) {
    etKeys = {
      privateKeyPem: readFileSync(resolvePath(dataDir, file.etKeys.privateKeyFile), 'utf8'),
      publicKeyPem: readFileSync(resolvePath(dataDir, file.etKeys.publicKeyFile), 'utf8'),
    };
  }
  let etKeyFiles = file?.etKeys;
  if (!etKeys) {
    etKeys = await generatePemKeyPair(keyBits);
    if (dataDir) {
      etKeyFiles = { privateKeyFile: 'keys/et-private.pem', publicKeyFile: 'keys/et-public.pem' };
      writeFileAtomic(join(dataDir, etKeyFiles.privateKeyFile), etKeys.privateKeyPem, 0o600);
      writeFileAtomic(join(dataDir, etKeyFiles.publicKeyFile), etKeys.publicKeyPem);
      generated.push(
        `sandbox ET key pair: public key (give it to your client) at ${join(dataDir, etKeyFiles.publicKeyFile)}`,
      );
      dirty = true;
    }
  }

  const inputs = options.merchants ?? file?.merchants ?? [{ merchantNumber: 'ET82009' }];
  const merchants: SandboxMerchant[] = [];
  for (const input of inputs) {
    const before = generated.length;
    const merchant = await resolveMerchant(input, dataDir, keyBits, generated);
    if (generated.length > before || (!options.merchants && !file?.merchants)) {
      dirty = true;
      generated.push(
        `merchant ${merchant.merchantNumber} / sub-merchant ${merchant.subMerchantNumbers.join(', ')}: notification salt ${merchant.salt}`,
      );
    }
    merchants.push(merchant);
  }
  if (new Set(merchants.map((m) => m.merchantNumber)).size !== merchants.length) {
    throw new Error('merchant numbers must be unique');
  }

  if (dataDir && dirty) {
    // Merchants given as options stay in the caller's hands; only generated or file-based ones are written.
    const merchantEntries = options.merchants ? file?.merchants : merchants.map(toConfigEntry);
    const config: ConfigFile = {
      ...(etKeyFiles ? { etKeys: etKeyFiles } : {}),
      ...(merchantEntries ? { merchants: merchantEntries } : {}),
    };
    writeFileAtomic(join(dataDir, 'sandbox.json'), `${JSON.stringify(config, null, 2)}\n`, 0o600);
    generated.push(`configuration written to ${join(dataDir, 'sandbox.json')}`);
  }
  return { etKeys, merchants, generated: dataDir ? generated : [] };
}
