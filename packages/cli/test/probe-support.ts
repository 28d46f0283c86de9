import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, importPrivateKey, importPublicKey, type ProtocolProfile } from '@etkit/crypto';
import { createSandbox, type Sandbox } from '@etkit/sandbox';
import type { Send } from '../src/probe/send.js';
import { allVariants, type Variant } from '../src/probe/variants.js';

export { allVariants, type Variant };

export interface ProbeKeys {
  et: { privateKeyPem: string; publicKeyPem: string };
  merchant: { privateKeyPem: string; publicKeyPem: string };
  dir: string;
  files: { merchantPrivateKey: string; etPublicKey: string };
}

const keyDirectories: string[] = [];

/** Removes the folders probeKeys() wrote (a test file's afterAll). */
export function removeProbeKeys(): void {
  for (const dir of keyDirectories.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** One pair for ET and one for the merchant (1024-bit: fast), written to files as the CLI reads them. */
export async function probeKeys(): Promise<ProbeKeys> {
  const [et, merchant] = await Promise.all([generateKeyPair(1024), generateKeyPair(1024)]);
  const dir = mkdtempSync(join(tmpdir(), 'etkit-probe-'));
  keyDirectories.push(dir);
  const files = { merchantPrivateKey: join(dir, 'merchant-private.pem'), etPublicKey: join(dir, 'et-public.pem') };
  writeFileSync(files.merchantPrivateKey, merchant.privateKeyPem);
  writeFileSync(files.etPublicKey, et.publicKeyPem);
  return { et, merchant, dir, files };
}

/** A strict sandbox: an ET account that uses `profile`, knowing merchant ET90003 by its public key only. */
export function accountSandbox(keys: ProbeKeys, profile: Partial<ProtocolProfile>): Promise<Sandbox> {
  return createSandbox({
    profile,
    etKeyPair: keys.et,
    merchants: [{ merchantNumber: 'ET90003', publicKeyPem: keys.merchant.publicKeyPem, salt: 'probe-salt' }],
    log: () => {},
  });
}

/** In-process delivery to a sandbox that records every body and the most requests ever in flight at once. */
export function recordingSend(handle: (body: string) => Promise<string>) {
  const bodies: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send: Send = async (_url, body) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    bodies.push(body);
    try {
      return { kind: 'answer', httpStatus: 200, body: await handle(body) };
    } finally {
      inFlight -= 1;
    }
  };
  return { send, bodies, maxInFlight: () => maxInFlight };
}

export async function importedKeys(keys: ProbeKeys) {
  return {
    merchantPrivateKey: await importPrivateKey(keys.merchant.privateKeyPem),
    etPublicKey: await importPublicKey(keys.et.publicKeyPem),
  };
}

export const label = (v: Variant) => `${v.signatureHash} ${v.canonicalForm} ${v.keyWrap}`;
