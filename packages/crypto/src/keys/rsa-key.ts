import { bigIntToBytes } from './der.js';
import type { RsaPrivateComponents } from './parse.js';
import { keyInvalid } from './pem.js';

/** An imported RSA private key. Opaque: its material is not reachable from the object (nor logged with it). */
export interface RsaPrivateKey {
  readonly kind: 'rsa-private';
  readonly bits: number;
}

/** An imported RSA public key. Opaque like {@link RsaPrivateKey}. */
export interface RsaPublicKey {
  readonly kind: 'rsa-public';
  readonly bits: number;
}

export type PrivateKeyInput = string | Uint8Array | RsaPrivateKey;
export type PublicKeyInput = string | Uint8Array | RsaPublicKey;

/** Web Crypto algorithms a key may be used with; each CryptoKey is imported on first use and cached. */
export type WebCryptoUse =
  | 'RSASSA-PKCS1-v1_5:SHA-256'
  | 'RSASSA-PKCS1-v1_5:SHA-1'
  | 'RSA-OAEP:SHA-256'
  | 'RSA-OAEP:SHA-1';

interface KeyMaterialBase {
  readonly bits: number;
  /** Modulus length in bytes (the size of every RSA block under this key). */
  readonly byteLength: number;
  /** The modulus as big-endian bytes of length byteLength. */
  readonly modulus: Uint8Array;
  readonly n: bigint;
  readonly e: bigint;
  readonly webCryptoKeys: Map<WebCryptoUse, Promise<CryptoKey>>;
}

export interface PrivateKeyMaterial extends KeyMaterialBase {
  readonly components: RsaPrivateComponents;
  readonly pkcs8: Uint8Array;
}

export interface PublicKeyMaterial extends KeyMaterialBase {
  readonly spki: Uint8Array;
}

// The material lives here, keyed by the public handle, so the handle itself carries nothing secret.
const privateKeys = new WeakMap<RsaPrivateKey, PrivateKeyMaterial>();
const publicKeys = new WeakMap<RsaPublicKey, PublicKeyMaterial>();

export function createPrivateKeyHandle(
  material: Omit<PrivateKeyMaterial, 'webCryptoKeys' | 'bits' | 'byteLength' | 'modulus' | 'n' | 'e'>,
  bits: number,
): RsaPrivateKey {
  const handle: RsaPrivateKey = Object.freeze({ kind: 'rsa-private', bits });
  privateKeys.set(handle, {
    ...material,
    bits,
    byteLength: Math.ceil(bits / 8),
    modulus: bigIntToBytes(material.components.n, Math.ceil(bits / 8)),
    n: material.components.n,
    e: material.components.e,
    webCryptoKeys: new Map(),
  });
  return handle;
}

export function createPublicKeyHandle(
  material: Omit<PublicKeyMaterial, 'webCryptoKeys' | 'bits' | 'byteLength' | 'modulus'>,
  bits: number,
): RsaPublicKey {
  const handle: RsaPublicKey = Object.freeze({ kind: 'rsa-public', bits });
  const byteLength = Math.ceil(bits / 8);
  publicKeys.set(handle, {
    ...material,
    bits,
    byteLength,
    modulus: bigIntToBytes(material.n, byteLength),
    webCryptoKeys: new Map(),
  });
  return handle;
}

export function isImportedPrivateKey(value: unknown): value is RsaPrivateKey {
  return typeof value === 'object' && value !== null && privateKeys.has(value as RsaPrivateKey);
}

export function isImportedPublicKey(value: unknown): value is RsaPublicKey {
  return typeof value === 'object' && value !== null && publicKeys.has(value as RsaPublicKey);
}

export function privateKeyMaterial(key: RsaPrivateKey): PrivateKeyMaterial {
  const material = privateKeys.get(key);
  if (!material) throw keyInvalid('Not a private key imported by importPrivateKey');
  return material;
}

export function publicKeyMaterial(key: RsaPublicKey): PublicKeyMaterial {
  const material = publicKeys.get(key);
  if (!material) throw keyInvalid('Not a public key imported by importPublicKey');
  return material;
}

/** The Web Crypto key for `use`, imported on first request and reused afterwards. */
export function webCryptoPrivateKey(material: PrivateKeyMaterial, use: WebCryptoUse): Promise<CryptoKey> {
  return cachedImport(material, use, () => {
    const [name, hash] = use.split(':') as [string, string];
    const usages: KeyUsage[] = name === 'RSA-OAEP' ? ['decrypt'] : ['sign'];
    return globalThis.crypto.subtle.importKey('pkcs8', material.pkcs8 as BufferSource, { name, hash }, false, usages);
  });
}

export function webCryptoPublicKey(material: PublicKeyMaterial, use: WebCryptoUse): Promise<CryptoKey> {
  return cachedImport(material, use, () => {
    const [name, hash] = use.split(':') as [string, string];
    const usages: KeyUsage[] = name === 'RSA-OAEP' ? ['encrypt'] : ['verify'];
    return globalThis.crypto.subtle.importKey('spki', material.spki as BufferSource, { name, hash }, false, usages);
  });
}

function cachedImport(
  material: KeyMaterialBase,
  use: WebCryptoUse,
  importKey: () => Promise<CryptoKey>,
): Promise<CryptoKey> {
  let key = material.webCryptoKeys.get(use);
  if (!key) {
    key = importKey().catch(() => {
      throw keyInvalid('The platform refused to import the RSA key');
    });
    material.webCryptoKeys.set(use, key);
  }
  return key;
}
