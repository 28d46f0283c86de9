import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64Encode,
  constantTimeEqual,
  EtkitCryptoError,
  hexEncode,
  utf8Decode,
  utf8Encode,
} from '../src/index.js';

describe('bytes', () => {
  it('base64 matches Node for random bytes, both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const expected = Buffer.from(bytes).toString('base64');
        expect(base64Encode(bytes)).toBe(expected);
        expect(base64Decode(expected)).toEqual(bytes);
      }),
    );
  });

  it('base64Decode skips PEM line breaks', () => {
    expect(hexEncode(base64Decode('AAEC\r\nAwQF\n'))).toBe('000102030405');
  });

  it.each(['A', 'AB=', 'AB==C', 'A===', '====', 'ab$d', 'AB=A', 'AR==', 'ABD=', 'é==='])(
    'base64Decode rejects %j with INVALID_ARGUMENT',
    (text) => {
      expect(() => base64Decode(text)).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    },
  );

  it('base64Decode rejects a non-string', () => {
    expect(() => base64Decode(42 as unknown as string)).toThrow(EtkitCryptoError);
  });

  it('utf8 round trips any string of whole code points, astral included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(utf8Decode(utf8Encode(text))).toBe(text);
        expect(utf8Encode(text)).toEqual(new Uint8Array(Buffer.from(text, 'utf8')));
      }),
    );
  });

  it('hexEncode is lowercase', () => {
    expect(hexEncode(new Uint8Array([0, 15, 171, 255]))).toBe('000fabff');
  });

  it('constantTimeEqual compares content and length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(Buffer.from(a).equals(Buffer.from(b)));
        expect(constantTimeEqual(a, a.slice())).toBe(true);
      }),
    );
  });
});
