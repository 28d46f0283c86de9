import { isEtkitCryptoError, parseJsonLossless } from '@etkit/crypto';
import { CheckFailed, type CliIo, readInput, readTextFile, requireOption, UsageError } from './io.js';

export type Side = 'merchant' | 'et';

export function sideOf(value: unknown): Side {
  if (value !== 'merchant' && value !== 'et') throw new UsageError('--side must be merchant or et');
  return value;
}

export async function readKeys(values: Record<string, unknown>): Promise<{ privateKey: string; publicKey: string }> {
  const privateKeyFile = requireOption(values['private-key'] as string | undefined, '--private-key');
  const publicKeyFile = requireOption(values['public-key'] as string | undefined, '--public-key');
  return {
    privateKey: await readTextFile(privateKeyFile, 'private key'),
    publicKey: await readTextFile(publicKeyFile, 'public key'),
  };
}

/** The input as a JSON object (numbers keep their text). */
export async function readJsonObject(io: CliIo, inFile: string | undefined): Promise<Record<string, unknown>> {
  const text = await readInput(io, inFile);
  let value: unknown;
  try {
    value = parseJsonLossless(text);
  } catch {
    throw new UsageError('input is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError('input must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** Maps crypto errors: a bad key or bad input is a usage error (2), a failed check is exit 1. */
export function cryptoFailure(error: unknown): never {
  if (!isEtkitCryptoError(error)) throw error;
  if (error.code === 'KEY_INVALID' || error.code === 'INVALID_ARGUMENT') {
    throw new UsageError(`${error.code}: ${error.message}`);
  }
  throw new CheckFailed({ ok: false, error: { code: error.code, message: error.message, ...error.details } });
}

export const keyOptionSpecs = {
  side: { type: 'string' },
  in: { type: 'string' },
  'private-key': { type: 'string' },
  'public-key': { type: 'string' },
} as const;
