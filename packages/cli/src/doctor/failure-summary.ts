import { createPublicKey } from 'node:crypto';
import { isEtkitCryptoError, openResponse, type RsaPrivateKey, type RsaPublicKey } from '@etkit/crypto';
import type { ResponseVariantOutcome } from '../probe/response-variants.js';
import { allVariants } from '../probe/variants.js';

/** One failure shared by some variants: printed once, with how many variants met it. */
export interface FailureGroup {
  outcome: string;
  variants: number;
}

/** The attempts grouped by outcome, most frequent first: twelve identical failures are one line. */
export function groupFailures(attempts: readonly ResponseVariantOutcome[]): FailureGroup[] {
  const counts = new Map<string, number>();
  for (const attempt of attempts) counts.set(attempt.outcome, (counts.get(attempt.outcome) ?? 0) + 1);
  return [...counts].map(([outcome, variants]) => ({ outcome, variants })).sort((a, b) => b.variants - a.variants);
}

export interface KeyFiles {
  etPublicKeyPem: string;
  merchantPrivateKeyPem: string;
}

/** The two keys are one pair: the "ET public key" given is the merchant's own. */
function sameKeyPair(files: KeyFiles): boolean {
  try {
    const der = (pem: string) => createPublicKey(pem).export({ type: 'spki', format: 'der' });
    return der(files.etPublicKeyPem).equals(der(files.merchantPrivateKeyPem));
  } catch {
    return false;
  }
}

/** Some variant verifies the body's signature with the merchant's own public key: it was sealed by the merchant side. */
async function signedByMerchant(body: string, files: KeyFiles, merchantPrivateKey: RsaPrivateKey): Promise<boolean> {
  let merchantPublicKey: string;
  try {
    merchantPublicKey = createPublicKey(files.merchantPrivateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    return false;
  }
  for (const variant of allVariants) {
    try {
      await openResponse(body, {
        etPublicKey: merchantPublicKey,
        merchantPrivateKey,
        profile: { ...variant, unsignedResponses: 'reject' },
      });
      return true;
    } catch (error) {
      if (!isEtkitCryptoError(error)) throw error;
      // DECRYPT_FAILED comes after the signature check: the signature did verify.
      if (error.code === 'DECRYPT_FAILED') return true;
    }
  }
  return false;
}

/**
 * The likely cause when no variant opens the body, in words that name the flag or file to change. Read from the
 * outcomes the variants share, then from what the body and keys show (a request instead of a response, the
 * merchant's own key given as ET's).
 */
export async function failureHint(
  body: string,
  groups: readonly FailureGroup[],
  keys: { etPublicKey: RsaPublicKey; merchantPrivateKey: RsaPrivateKey },
  files: KeyFiles,
): Promise<string> {
  const outcomes = new Set(groups.map((g) => g.outcome));
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    // the caller refuses bodies that are not JSON objects before this point
  }
  if (typeof parsed.server_type === 'string') {
    return (
      'Wrong side: this body has "server_type", so it is a request (what a merchant sends), not ET\'s answer. ' +
      'The doctor reads responses: pass the body ET sent back.'
    );
  }
  if (outcomes.has('DECRYPT_FAILED')) {
    return (
      'ET\'s signature verifies, but no key wrap unwraps "aeskey" with --merchant-private-key: ET encrypted the ' +
      'answer for another public key. Check that the public key registered with ET is the pair of this private key ' +
      '(test and production accounts may hold different keys).'
    );
  }
  if (outcomes.size === 1 && outcomes.has('SIGNATURE_MISSING')) {
    return (
      'The body has no "sign": an unsigned answer (usually an error) says nothing about the profile. Capture a ' +
      'signed answer, e.g. a successful batch query.'
    );
  }
  if (outcomes.has('SIGNATURE_INVALID')) {
    if (sameKeyPair(files)) {
      return (
        "Wrong key: --et-public-key is the merchant's own public key (the pair of --merchant-private-key). " +
        "Pass ET's public key."
      );
    }
    if (await signedByMerchant(body, files, keys.merchantPrivateKey)) {
      return (
        "Wrong side: the body is signed with the merchant's key, not ET's — it was sealed by the merchant side " +
        '(a request, or a test fixture sealed the other way). Pass an answer ET signed, or swap the keys if this ' +
        'is a fixture.'
      );
    }
    return (
      "Wrong key, most likely: no variant verifies ET's signature with --et-public-key. Use ET's key for this " +
      'environment (test and production keys differ). Otherwise the body changed after ET signed it (re-serialised, ' +
      'a number such as 10000.00 reformatted, a field added or dropped): capture the HTTP body byte for byte.'
    );
  }
  return (
    'The body is JSON but not an ET response envelope (fields missing or of the wrong type): pass the HTTP body ' +
    'of an answer from ET, as it was sent.'
  );
}
