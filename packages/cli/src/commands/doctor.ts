import {
  importPrivateKey,
  importPublicKey,
  isEtkitCryptoError,
  openResponse,
  type ProtocolProfile,
} from '@etkit/crypto';
import type { Command } from '../command';
import { CheckFailed, printJson, readTextFile, requireOption, UsageError } from '../io';

const keyWraps: ProtocolProfile['keyWrap'][] = ['rsa-pkcs1-v1_5', 'rsa-oaep-sha256', 'rsa-oaep-sha1'];
const signatureHashes: ProtocolProfile['signatureHash'][] = ['SHA-256', 'SHA-1'];
const canonicalForms: ProtocolProfile['canonicalForm'][] = ['keep-empty', 'drop-empty'];

type Variant = Pick<ProtocolProfile, 'keyWrap' | 'signatureHash' | 'canonicalForm'>;

export const doctor: Command = {
  path: ['doctor'],
  summary: 'find the protocol profile that verifies and decrypts a real ET response',
  help: `etkit doctor --response FILE --et-public-key FILE --merchant-private-key FILE

Tries every profile variant (key wrap × signature hash × canonical form) on one response body and prints
the profile that verifies and decrypts, with the outcome of each variant. Exit 1 when none works.
A response without "aeskey" cannot tell the key wrap apart: the result then says keyWrap: null.`,
  options: {
    response: { type: 'string' },
    'et-public-key': { type: 'string' },
    'merchant-private-key': { type: 'string' },
  },
  async run(values, io) {
    const body = await readTextFile(requireOption(values.response as string | undefined, '--response'), 'response');
    const etPublicKeyPem = await readTextFile(
      requireOption(values['et-public-key'] as string | undefined, '--et-public-key'),
      'ET public key',
    );
    const merchantPrivateKeyPem = await readTextFile(
      requireOption(values['merchant-private-key'] as string | undefined, '--merchant-private-key'),
      'merchant private key',
    );
    let etPublicKey: Awaited<ReturnType<typeof importPublicKey>>;
    let merchantPrivateKey: Awaited<ReturnType<typeof importPrivateKey>>;
    try {
      etPublicKey = await importPublicKey(etPublicKeyPem);
      merchantPrivateKey = await importPrivateKey(merchantPrivateKeyPem);
    } catch (error) {
      if (isEtkitCryptoError(error)) throw new UsageError(`${error.code}: ${error.message}`);
      throw error;
    }

    const attempts: Array<Variant & { outcome: string }> = [];
    const working: Variant[] = [];
    let encrypted = false;
    for (const signatureHash of signatureHashes) {
      for (const canonicalForm of canonicalForms) {
        for (const keyWrap of keyWraps) {
          const variant: Variant = { keyWrap, signatureHash, canonicalForm };
          try {
            const opened = await openResponse(body, {
              etPublicKey,
              merchantPrivateKey,
              // Demand a signature: an unsigned body proves nothing about the profile.
              profile: { ...variant, unsignedResponses: 'reject' },
            });
            encrypted ||= Array.isArray(opened.sensitive)
              ? opened.sensitive.length > 0
              : opened.sensitive !== undefined;
            attempts.push({ ...variant, outcome: 'ok' });
            working.push(variant);
          } catch (error) {
            if (!isEtkitCryptoError(error)) throw error;
            attempts.push({ ...variant, outcome: error.code });
          }
        }
      }
    }
    let aeskeyPresent = false;
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      aeskeyPresent = typeof parsed.aeskey === 'string' && parsed.aeskey !== '';
    } catch {
      // a non-JSON body fails every variant with MALFORMED_JSON; reported below
    }
    const signatureOk = working.length > 0;
    const keyWrapsThatWork = [...new Set(working.map((v) => v.keyWrap))];
    const first = working[0];
    const profile = first
      ? {
          keyWrap: aeskeyPresent && keyWrapsThatWork.length === 1 ? first.keyWrap : null,
          signatureHash: first.signatureHash,
          canonicalForm: new Set(working.map((v) => v.canonicalForm)).size === 1 ? first.canonicalForm : null,
        }
      : null;
    const notes: string[] = [];
    if (profile && profile.keyWrap === null)
      notes.push('the response carries no encrypted data, so any key wrap opens it');
    if (profile && profile.canonicalForm === null) {
      notes.push('the response has no empty fields, so both canonical forms give the same string');
    }
    const result = { ok: signatureOk, profile, encrypted: encrypted || aeskeyPresent, notes, attempts };
    if (!signatureOk) throw new CheckFailed(result);
    printJson(io, result);
    return 0;
  },
};
