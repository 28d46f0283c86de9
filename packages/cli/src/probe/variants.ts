import type { ProtocolProfile } from '@etkit/crypto';

/** The request-side profile options a live server can tell apart (PROTOCOL.md §5.2, §5.3). */
export type Variant = Pick<ProtocolProfile, 'keyWrap' | 'signatureHash' | 'canonicalForm'>;

export const keyWraps: readonly ProtocolProfile['keyWrap'][] = ['rsa-pkcs1-v1_5', 'rsa-oaep-sha256', 'rsa-oaep-sha1'];
export const signatureHashes: readonly ProtocolProfile['signatureHash'][] = ['SHA-256', 'SHA-1'];
export const canonicalForms: readonly ProtocolProfile['canonicalForm'][] = ['keep-empty', 'drop-empty'];

/** Every variant, the documented defaults first (hash, then canonical form, then key wrap). */
export const allVariants: readonly Variant[] = signatureHashes.flatMap((signatureHash) =>
  canonicalForms.flatMap((canonicalForm) => keyWraps.map((keyWrap) => ({ keyWrap, signatureHash, canonicalForm }))),
);

export const variantLabel = (v: Variant): string => `${v.signatureHash} ${v.canonicalForm} ${v.keyWrap}`;
