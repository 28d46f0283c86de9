import { writeFile } from 'node:fs/promises';
import { type ProtocolProfile, resolveProfile } from '@etkit/crypto';
import { readTextFile, UsageError } from './io.js';

/** @etkit/client's own profile options: a shared file may carry them; the protocol packages do not read them. */
const clientOnlyOptions = ['serverTypes', 'paymentUrlField'];

/**
 * A profile file (what `etkit doctor --probe --out` writes): a JSON object of @etkit/crypto profile options. Every
 * option is checked as the packages check it, so a typo is a usage error here rather than a silent default there.
 */
export async function readProfileFile(path: string): Promise<Partial<ProtocolProfile>> {
  const text = await readTextFile(path, 'profile file');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`profile file ${path} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`profile file ${path} must hold a JSON object of profile options`);
  }
  const profile = Object.fromEntries(
    Object.entries(parsed).filter(([name]) => !clientOnlyOptions.includes(name)),
  ) as Partial<ProtocolProfile>;
  try {
    resolveProfile(profile);
  } catch (error) {
    throw new UsageError(`profile file ${path}: ${(error as Error).message}`);
  }
  return profile;
}

/** Writes a profile file: the options as one JSON object, the form every package reads as it is. */
export async function writeProfileFile(path: string, profile: Partial<ProtocolProfile>): Promise<void> {
  try {
    await writeFile(path, `${JSON.stringify(profile, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`cannot write profile file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
