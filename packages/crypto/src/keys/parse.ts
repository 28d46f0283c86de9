import {
  bitLength,
  DerError,
  DerReader,
  derElement,
  derSequence,
  derSmallInteger,
  RSA_ALGORITHM_IDENTIFIER,
  RSA_ENCRYPTION_OID,
  TAG_BIT_STRING,
  TAG_INTEGER,
  TAG_NULL,
  TAG_OCTET_STRING,
  TAG_SEQUENCE,
} from './der.js';
import { keyInvalid, type PemLabel } from './pem.js';

/** RSA private key components (RFC 8017 §3.2, two-prime form). */
export interface RsaPrivateComponents {
  n: bigint;
  e: bigint;
  d: bigint;
  p: bigint;
  q: bigint;
  dp: bigint;
  dq: bigint;
  qi: bigint;
}

export type ParsedRsaKey =
  | { kind: 'public'; n: bigint; e: bigint; spki: Uint8Array }
  | { kind: 'private'; components: RsaPrivateComponents; pkcs8: Uint8Array };

export const MIN_RSA_BITS = 1024;
export const MAX_RSA_BITS = 16384;

/**
 * Recognises SPKI, PKCS#8, PKCS#1 RSAPrivateKey and PKCS#1 RSAPublicKey by their DER structure, checks that
 * the key is RSA, its size is 1024–16384 bits and its private components are consistent, and returns the
 * components with the DER that Web Crypto imports (PKCS#1 forms are wrapped into PKCS#8 / SPKI).
 */
export function parseRsaKeyDer(der: Uint8Array, label?: PemLabel): ParsedRsaKey {
  let parsed: ParsedRsaKey;
  try {
    parsed = parseStructure(der);
  } catch (error) {
    if (error instanceof DerError) throw keyInvalid('Key is not a well-formed RSA key (DER could not be read)');
    throw error;
  }
  if (label) {
    const labelKind = label.includes('PRIVATE') ? 'private' : 'public';
    if (labelKind !== parsed.kind) throw keyInvalid('PEM label does not match the key inside it');
  }
  const n = parsed.kind === 'public' ? parsed.n : parsed.components.n;
  const e = parsed.kind === 'public' ? parsed.e : parsed.components.e;
  const bits = bitLength(n);
  if (bits < MIN_RSA_BITS) throw keyInvalid(`RSA key is too small (${bits} bits; at least ${MIN_RSA_BITS} required)`);
  if (bits > MAX_RSA_BITS) throw keyInvalid(`RSA key is too large (${bits} bits; at most ${MAX_RSA_BITS})`);
  if (e < 3n || e % 2n === 0n || e >= n) throw keyInvalid('RSA public exponent is invalid');
  if (parsed.kind === 'private') checkPrivateComponents(parsed.components);
  return parsed;
}

function parseStructure(der: Uint8Array): ParsedRsaKey {
  const outer = new DerReader(der);
  const top = outer.sequence();
  outer.end();
  const firstTag = top.peekTag();
  if (firstTag === TAG_SEQUENCE) {
    // SubjectPublicKeyInfo { AlgorithmIdentifier, BIT STRING { RSAPublicKey } }
    expectRsaAlgorithm(top.sequence());
    const bitString = top.read(TAG_BIT_STRING).content;
    top.end();
    if (bitString[0] !== 0) throw new DerError('unused bits in key bit string');
    const { n, e } = parseRsaPublicKey(bitString.subarray(1));
    return { kind: 'public', n, e, spki: der };
  }
  if (firstTag !== TAG_INTEGER) throw new DerError('not a key structure');
  const first = top.unsignedInteger();
  if (top.peekTag() === TAG_SEQUENCE) {
    // PrivateKeyInfo { version, AlgorithmIdentifier, OCTET STRING { RSAPrivateKey }, [0] attributes OPTIONAL }
    if (first !== 0n && first !== 1n) throw new DerError('unknown PKCS#8 version');
    expectRsaAlgorithm(top.sequence());
    const inner = top.read(TAG_OCTET_STRING).content;
    const components = parseRsaPrivateKey(inner);
    return { kind: 'private', components, pkcs8: der };
  }
  // PKCS#1: RSAPublicKey { n, e } or RSAPrivateKey { version, n, e, d, p, q, dp, dq, qi }
  const second = top.unsignedInteger();
  if (top.done) {
    const spki = derSequence(RSA_ALGORITHM_IDENTIFIER, derElement(TAG_BIT_STRING, prefixZero(der)));
    return { kind: 'public', n: first, e: second, spki };
  }
  const components = parseRsaPrivateKey(der);
  const pkcs8 = derSequence(derSmallInteger(0), RSA_ALGORITHM_IDENTIFIER, derElement(TAG_OCTET_STRING, der));
  return { kind: 'private', components, pkcs8 };
}

function expectRsaAlgorithm(algorithm: DerReader): void {
  const oid = algorithm.oid();
  if (oid !== RSA_ENCRYPTION_OID) throw keyInvalid('Key is not an RSA (rsaEncryption) key');
  if (!algorithm.done) algorithm.read(TAG_NULL);
  algorithm.end();
}

function parseRsaPublicKey(der: Uint8Array): { n: bigint; e: bigint } {
  const outer = new DerReader(der);
  const seq = outer.sequence();
  outer.end();
  const n = seq.unsignedInteger();
  const e = seq.unsignedInteger();
  seq.end();
  return { n, e };
}

function parseRsaPrivateKey(der: Uint8Array): RsaPrivateComponents {
  const outer = new DerReader(der);
  const seq = outer.sequence();
  outer.end();
  const version = seq.unsignedInteger();
  if (version !== 0n) throw keyInvalid('Multi-prime RSA keys are not supported');
  const components: RsaPrivateComponents = {
    n: seq.unsignedInteger(),
    e: seq.unsignedInteger(),
    d: seq.unsignedInteger(),
    p: seq.unsignedInteger(),
    q: seq.unsignedInteger(),
    dp: seq.unsignedInteger(),
    dq: seq.unsignedInteger(),
    qi: seq.unsignedInteger(),
  };
  seq.end();
  return components;
}

// A corrupted component would make CRT decryption silently wrong; these checks are cheap.
function checkPrivateComponents(c: RsaPrivateComponents): void {
  const consistent =
    c.p > 1n &&
    c.q > 1n &&
    c.p * c.q === c.n &&
    c.dp === c.d % (c.p - 1n) &&
    c.dq === c.d % (c.q - 1n) &&
    (c.e * c.dp) % (c.p - 1n) === 1n &&
    (c.e * c.dq) % (c.q - 1n) === 1n &&
    (c.qi * c.q) % c.p === 1n;
  if (!consistent) throw keyInvalid('RSA private key components are inconsistent');
}

function prefixZero(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes, 1);
  return out;
}
