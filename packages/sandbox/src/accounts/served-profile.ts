import { type ProtocolProfile, resolveProfile } from '@etkit/crypto';
import type { SandboxMerchant } from './merchant-config.js';

/**
 * The protocol profile of the simulated ET account (`createSandbox({ profile })`), checked once at start so a typo
 * fails loudly instead of silently serving the default. Only the given options are kept: the rest stay
 * @etkit/crypto's defaults, as they would for a client reading the same file.
 */
export function accountProfile(profile: Partial<ProtocolProfile> | undefined): Partial<ProtocolProfile> {
  if (profile === undefined) return {};
  try {
    resolveProfile(profile);
  } catch (error) {
    throw new Error(`invalid sandbox profile: ${(error as Error).message}`);
  }
  return Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined));
}

/**
 * The profile one merchant is served in: the account's, with the merchant's own options on top (an arrangement
 * made for that merchant). Requests made under any other variant fail as a real signature or decryption failure
 * would, and responses are sealed in it.
 */
export function servedProfile(
  account: Partial<ProtocolProfile>,
  merchant: SandboxMerchant | undefined,
): Partial<ProtocolProfile> {
  return merchant ? { ...account, ...merchant.profile } : account;
}
