import { isEtkitCryptoError, openResponse, type RsaPrivateKey, type RsaPublicKey } from '@etkit/crypto';
import { allVariants, type Variant } from './variants.js';

export interface ResponseVariantOutcome extends Variant {
  /** `ok`, or the @etkit/crypto error code the variant failed with. */
  outcome: string;
}

export interface ResponseReading {
  attempts: ResponseVariantOutcome[];
  /** Variants that verify (and decrypt) the body. */
  working: Variant[];
  /** The body carried an encrypted part (a non-empty `aeskey`): only then can it tell key wraps apart. */
  aeskeyPresent: boolean;
  /** The body has an empty top-level field: only then can it tell canonical forms apart. */
  hasEmptyField: boolean;
}

/**
 * Tries every variant on one response body, as the merchant would open it. A signature is demanded: an unsigned
 * body proves nothing about the profile. Nothing of the opened body is returned.
 */
export async function readResponseVariants(
  body: string,
  keys: { etPublicKey: RsaPublicKey; merchantPrivateKey: RsaPrivateKey },
): Promise<ResponseReading> {
  const attempts: ResponseVariantOutcome[] = [];
  const working: Variant[] = [];
  for (const variant of allVariants) {
    try {
      await openResponse(body, { ...keys, profile: { ...variant, unsignedResponses: 'reject' } });
      attempts.push({ ...variant, outcome: 'ok' });
      working.push(variant);
    } catch (error) {
      if (!isEtkitCryptoError(error)) throw error;
      attempts.push({ ...variant, outcome: error.code });
    }
  }
  let aeskeyPresent = false;
  let hasEmptyField = false;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    aeskeyPresent = typeof parsed.aeskey === 'string' && parsed.aeskey !== '';
    hasEmptyField = Object.entries(parsed).some(([name, value]) => name !== 'sign' && value === '');
  } catch {
    // not JSON: every variant failed with MALFORMED_JSON
  }
  return { attempts, working, aeskeyPresent, hasEmptyField };
}
