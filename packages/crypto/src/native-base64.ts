/**
 * A runtime's own base64 codec, used by bytes.ts when there is one: a JavaScript loop over a kilobyte of
 * ciphertext cost more than the whole AES step of an envelope. `encode` is RFC 4648 §4 with padding; `decode`
 * may be lenient (accept whitespace, missing padding, other alphabets) or throw: bytes.ts keeps its result only
 * when `encode` gives the input back, i.e. when the text was the one canonical spelling of those bytes (or when
 * `decodeCanonical`, which answers the same question, accepts it).
 */
export interface NativeBase64 {
  encode(bytes: Uint8Array): string;
  decode(text: string): Uint8Array;
  /**
   * Optional: the bytes of `text` when it is their canonical encoding (what `encode` gives back), else undefined;
   * the same answer as decoding and re-encoding, found more cheaply. May throw like `decode`.
   */
  decodeCanonical?(text: string): Uint8Array | undefined;
}

// The TC39 "Uint8Array to/from base64" methods (Bun, Deno, recent browsers and V8); not in TypeScript's lib yet.
interface Base64Builtins {
  fromBase64?: (text: string) => Uint8Array;
}
interface Base64Methods {
  toBase64?: (this: Uint8Array) => string;
}

/** The built-in methods wrapped as a codec, when this runtime has both; undefined otherwise. */
export function builtInBase64(): NativeBase64 | undefined {
  const fromBase64 = (Uint8Array as unknown as Base64Builtins).fromBase64;
  const toBase64 = (Uint8Array.prototype as unknown as Base64Methods).toBase64;
  if (typeof fromBase64 !== 'function' || typeof toBase64 !== 'function') return undefined;
  return {
    encode: (bytes) => toBase64.call(bytes),
    decode: (text) => fromBase64.call(Uint8Array, text),
  };
}

const builtIn = builtInBase64();
let lent: NativeBase64 | undefined;

/** The codec a provider lent (the Node provider lends Buffer's), else the built-in one, else none. */
export function nativeBase64(): NativeBase64 | undefined {
  return lent ?? builtIn;
}

/** Called by setCryptoProvider with the new provider's codec (or undefined to fall back to the built-in one). */
export function lendNativeBase64(codec: NativeBase64 | undefined): void {
  lent = codec;
}
