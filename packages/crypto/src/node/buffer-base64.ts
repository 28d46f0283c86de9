import type { NativeBase64 } from '../native-base64.js';

const EQUALS = 0x3d;
// Symbol values of the standard alphabet, -1 elsewhere (only the last symbol before the padding is looked up).
const SYMBOL_VALUES = (() => {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
})();

function bytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * Buffer's base64 codec. Its decoder is lenient: it skips characters outside the alphabet (whitespace included),
 * stops at the first `=`, accepts the URL-safe `-` and `_`, does without padding and ignores unused bits; and
 * it reads only the low byte of a wider character, so `ń` (U+0144) decodes as `D`.
 */
export const bufferBase64: Required<NativeBase64> = {
  encode(data) {
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
  },
  decode(text) {
    // Small results share Buffer's 8 KB pool, like every Buffer node:crypto returns: a fresh ArrayBuffer per
    // decoding (three per envelope) cost more in allocation and GC than the decoding itself.
    return bytes(Buffer.from(text, 'base64'));
  },
  /**
   * The canonical check without re-encoding (which cost as much as the decoding, and a string as long as the
   * text): the shape is checked here, and the length of Buffer's result proves every other character is in the
   * alphabet. Any character Buffer skips, or an `=` it stops at, costs the result at least one byte (6 bits fewer
   * than needed), so a result of exactly 3/4 of the text less the padding means every symbol counted. The
   * property test in test/bytes.test.ts compares this with decoding and re-encoding on random and hostile texts.
   */
  decodeCanonical(text) {
    const length = text.length;
    // Whole quanta, and ASCII only (a wider character would be read by its low byte).
    if (length % 4 !== 0 || Buffer.byteLength(text, 'utf8') !== length) return undefined;
    // The URL-safe symbols, which Buffer decodes like `+` and `/`.
    if (text.indexOf('-') !== -1 || text.indexOf('_') !== -1) return undefined;
    let padding = 0;
    if (length > 0 && text.charCodeAt(length - 1) === EQUALS) padding = text.charCodeAt(length - 2) === EQUALS ? 2 : 1;
    if (padding > 0) {
      // The last symbol before the padding carries unused bits (4 before `==`, 2 before `=`): they must be zero.
      const last = SYMBOL_VALUES[text.charCodeAt(length - 1 - padding)] ?? -1;
      if (last < 0 || (last & (padding === 2 ? 0x0f : 0x03)) !== 0) return undefined;
    }
    const decoded = Buffer.from(text, 'base64');
    return decoded.length === (length / 4) * 3 - padding ? bytes(decoded) : undefined;
  },
};
