import {
  canonicalString,
  isEtkitCryptoError,
  openRequest,
  openResponse,
  type ProtocolProfile,
  parseRawJsonObject,
  resolveProfile,
} from '@etkit/crypto';
import type { Command } from '../command.js';
import { keyOptionSpecs, readKeys, sideOf } from '../envelope-io.js';
import { CheckFailed, printJson, readInput, UsageError } from '../io.js';
import { profileFromFileAndFlags, profileHelp, profileOptionSpecs } from '../profile-flags.js';

/** Why a check failed, in words that point at the usual mistake. */
function reasonFor(code: string, profile: ProtocolProfile, side: 'merchant' | 'et'): string {
  const signer = side === 'merchant' ? "ET's public key" : "the merchant's public key";
  switch (code) {
    case 'SIGNATURE_INVALID':
      return (
        `The RSA signature in "sign" does not verify over the canonical string with ${signer} ` +
        `(RSASSA-PKCS1-v1_5 over ${profile.signatureHash}, canonical form ${profile.canonicalForm}). Usual causes: ` +
        'the wrong public key; a body re-serialised after signing (a number such as 10000.00 reformatted, fields ' +
        'dropped or added); a different signature hash or canonical form — `etkit doctor` tries them all.'
      );
    case 'SIGNATURE_MISSING':
      return 'The body has no "sign" field, and this profile requires one.';
    case 'DECRYPT_FAILED':
      return (
        'The signature verified, but the AES key in "aeskey" could not be unwrapped or "sensitive_data" could not ' +
        `be decrypted: check --private-key (the receiver's key) and --key-wrap (now ${profile.keyWrap}).`
      );
    default:
      return 'The envelope is missing fields or has fields of the wrong type.';
  }
}

export const open: Command = {
  path: ['open'],
  summary: 'verify and open a response (--side merchant) or a request (--side et)',
  help: `etkit open --side merchant|et --private-key FILE --public-key FILE [--in FILE] [--explain] [profile options]

--side merchant: open a response as the merchant. Keys: the merchant's private key, ET's public key.
--side et: open a request as ET. Keys: ET's private key, the merchant's public key.
Verifies the signature first, then decrypts. Prints JSON; exit 1 when a check fails, 2 when the input is not a
JSON object.
--explain adds the canonical string that was verified and, on failure, why.

${profileHelp}`,
  options: { ...keyOptionSpecs, ...profileOptionSpecs, explain: { type: 'boolean' } },
  async run(values, io) {
    const side = sideOf(values.side);
    const keys = await readKeys(values);
    const overrides = await profileFromFileAndFlags(values);
    const profile = resolveProfile(overrides);
    const body = await readInput(io, values.in as string | undefined);

    let explain: Record<string, unknown> | undefined;
    if (values.explain) {
      explain = {
        signatureHash: profile.signatureHash,
        canonicalForm: profile.canonicalForm,
        keyWrap: profile.keyWrap,
      };
      try {
        explain.canonicalString = canonicalString(parseRawJsonObject(body), { form: profile.canonicalForm });
      } catch {
        explain.canonicalString = null;
      }
    }
    try {
      const result =
        side === 'merchant'
          ? await openResponse(body, {
              etPublicKey: keys.publicKey,
              merchantPrivateKey: keys.privateKey,
              profile: overrides,
            })
          : await openRequest(body, {
              merchantPublicKey: keys.publicKey,
              etPrivateKey: keys.privateKey,
              profile: overrides,
            });
      const verified = side === 'et' || (result as { verified: boolean }).verified;
      if (explain) {
        explain.signature = verified ? 'verified' : 'absent (unsigned error body accepted as unverified)';
        explain.decryption = 'ok';
      }
      printJson(io, { ok: true, side, result, ...(explain ? { explain } : {}) });
      return 0;
    } catch (error) {
      if (!isEtkitCryptoError(error)) throw error;
      if (error.code === 'KEY_INVALID' || error.code === 'INVALID_ARGUMENT') {
        throw new UsageError(`${error.code}: ${error.message}`);
      }
      // Input that is not a JSON object is the caller's mistake, as for seal and notify sign (exit 2).
      if (error.code === 'MALFORMED_JSON') {
        throw new UsageError(`MALFORMED_JSON: the input is not a JSON object (${error.message})`);
      }
      if (explain) {
        explain.signature = error.code === 'DECRYPT_FAILED' ? 'verified' : 'failed';
        explain.decryption = error.code === 'DECRYPT_FAILED' ? 'failed' : 'not attempted (verify before decrypt)';
        explain.reason = reasonFor(error.code, profile, side);
      }
      throw new CheckFailed({
        ok: false,
        side,
        error: { code: error.code, message: error.message, ...error.details },
        ...(explain ? { explain } : {}),
      });
    }
  },
};
