import { generateKeyPair, openResponse, type ProtocolProfile, parseRawJsonObject, sealRequest } from '@etkit/crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox, sandboxStatusCodes } from '../src/index.js';

type Variant = Pick<ProtocolProfile, 'signatureHash' | 'canonicalForm' | 'keyWrap'>;

const variants: Variant[] = (['SHA-256', 'SHA-1'] as const).flatMap((signatureHash) =>
  (['keep-empty', 'drop-empty'] as const).flatMap((canonicalForm) =>
    (['rsa-pkcs1-v1_5', 'rsa-oaep-sha256', 'rsa-oaep-sha1'] as const).map((keyWrap) => ({
      signatureHash,
      canonicalForm,
      keyWrap,
    })),
  ),
);
const label = (v: Variant) => `${v.signatureHash}/${v.canonicalForm}/${v.keyWrap}`;

let et: { privateKeyPem: string; publicKeyPem: string };
let merchant: { privateKeyPem: string; publicKeyPem: string };
beforeAll(async () => {
  [et, merchant] = await Promise.all([generateKeyPair(1024), generateKeyPair(1024)]);
});

async function strictSandbox(profile: Partial<ProtocolProfile>): Promise<Sandbox> {
  return createSandbox({
    profile,
    etKeyPair: et,
    merchants: [{ merchantNumber: 'ET90002', publicKeyPem: merchant.publicKeyPem, salt: 's' }],
    log: () => {},
  });
}

/** get_rate with an encrypted part, so that the key wrap matters as much as the signature. */
async function getRate(variant: Variant): Promise<string> {
  const envelope = await sealRequest(
    { server_type: 'get_rate', merchant_number: 'ET90002', sub_merchant_number: 'ET90002S001', data: {} },
    {
      merchantPrivateKey: merchant.privateKeyPem,
      etPublicKey: et.publicKeyPem,
      profile: variant,
      sensitive: { currency_code: 'GBP' },
    },
  );
  return JSON.stringify(envelope);
}

/** The response-side variants under which an answer verifies (and decrypts). */
async function variantsThatOpen(body: string): Promise<string[]> {
  const opening: string[] = [];
  for (const variant of variants) {
    try {
      await openResponse(body, {
        etPublicKey: et.publicKeyPem,
        merchantPrivateKey: merchant.privateKeyPem,
        profile: { ...variant, unsignedResponses: 'reject' },
      });
      opening.push(label(variant));
    } catch {}
  }
  return opening;
}

describe('createSandbox({ profile }): an ET account that uses one profile', { timeout: 30_000 }, () => {
  it('accepts requests made under its own variant only; every other is refused as a signature or decryption failure', async () => {
    for (const account of variants) {
      const sandbox = await strictSandbox(account);
      try {
        for (const sender of variants) {
          const answer = parseRawJsonObject(await sandbox.handle(await getRate(sender)));
          const statusCode = answer.status_code?.text;
          if (label(sender) === label(account)) {
            expect(statusCode, `${label(account)} accepts its own variant`).toBe(sandboxStatusCodes.success);
          } else if (sender.signatureHash !== account.signatureHash || sender.canonicalForm !== account.canonicalForm) {
            expect(statusCode, `${label(account)} refuses ${label(sender)}`).toBe(sandboxStatusCodes.signatureInvalid);
          } else {
            expect(statusCode, `${label(account)} refuses ${label(sender)}`).toBe(sandboxStatusCodes.decryptFailed);
          }
        }
      } finally {
        await sandbox.close();
      }
    }
  });

  it('signs every answer, success or refusal, under its own hash and canonical form only', async () => {
    for (const account of [variants[0]!, variants[10]!]) {
      const sandbox = await strictSandbox(account);
      try {
        const accepted = await sandbox.handle(await getRate(account));
        const refused = await sandbox.handle(
          await getRate({ ...account, signatureHash: account.signatureHash === 'SHA-256' ? 'SHA-1' : 'SHA-256' }),
        );
        for (const body of [accepted, refused]) {
          // No aeskey in a get_rate answer: any key wrap opens it, so three variants, all of the account's hash and form.
          expect(await variantsThatOpen(body)).toEqual(
            variants
              .filter((v) => v.signatureHash === account.signatureHash && v.canonicalForm === account.canonicalForm)
              .map(label),
          );
        }
      } finally {
        await sandbox.close();
      }
    }
  });

  it("a merchant's own profile options sit on top of the account's", async () => {
    const sandbox = await createSandbox({
      profile: { signatureHash: 'SHA-1' },
      etKeyPair: et,
      merchants: [
        { merchantNumber: 'ET90002', publicKeyPem: merchant.publicKeyPem, profile: { keyWrap: 'rsa-oaep-sha1' } },
      ],
      log: () => {},
    });
    try {
      const own = parseRawJsonObject(
        await sandbox.handle(
          await getRate({ signatureHash: 'SHA-1', canonicalForm: 'keep-empty', keyWrap: 'rsa-oaep-sha1' }),
        ),
      );
      expect(own.status_code?.text).toBe(sandboxStatusCodes.success);
      const accountWrap = parseRawJsonObject(
        await sandbox.handle(
          await getRate({ signatureHash: 'SHA-1', canonicalForm: 'keep-empty', keyWrap: 'rsa-pkcs1-v1_5' }),
        ),
      );
      expect(accountWrap.status_code?.text).toBe(sandboxStatusCodes.decryptFailed);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses an unknown option or value at start, instead of serving the default', async () => {
    await expect(strictSandbox({ signatureHash: 'SHA-512' as never })).rejects.toThrow(/invalid sandbox profile/);
    await expect(strictSandbox({ keywrap: 'rsa-oaep-sha1' } as never)).rejects.toThrow(/Unknown profile option/);
  });
});
