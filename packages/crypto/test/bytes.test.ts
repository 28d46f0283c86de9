import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { base64DecodePortable, base64EncodePortable } from '../src/bytes.js';
import {
  base64Decode,
  base64Encode,
  constantTimeEqual,
  EtkitCryptoError,
  hexEncode,
  utf8Decode,
  utf8Encode,
} from '../src/index.js';
import { builtInBase64, lendNativeBase64, nativeBase64 } from '../src/native-base64.js';
import { bufferBase64 } from '../src/node/buffer-base64.js';
import { nodeProvider } from '../src/node/provider.js';
import { portableProvider, setCryptoProvider } from '../src/provider.js';

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

// Texts near valid base64: canonical encodings, then characters changed, dropped or added (whitespace, form feed,
// padding in odd places, the URL-safe alphabet, non-ASCII), so that both accepted and refused inputs are drawn.
const nearBase64 = fc
  .tuple(
    fc.uint8Array({ maxLength: 200 }),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('', '=', '==', ' ', '\n', '\r\n', '\t', '\f', '-', '_', 'A', 'Q', 'é', '\u0100'),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([bytes, edits]) => {
    let text = Buffer.from(bytes).toString('base64');
    for (const [at, insert] of edits) {
      const i = text.length === 0 ? 0 : at % (text.length + 1);
      text = insert === '' ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + insert + text.slice(i);
    }
    return text;
  });

/** The bytes, or the error code, that base64Decode gives. */
function decodeOutcome(decode: (text: string) => Uint8Array, text: string): Uint8Array | string {
  try {
    return decode(text);
  } catch (error) {
    return (error as { code?: string }).code ?? 'untyped error';
  }
}

/** Polyfills of the TC39 Uint8Array base64 methods, as lenient as the real ones (missing padding accepted). */
function installBase64Builtins(): () => void {
  const target = Uint8Array as unknown as { fromBase64?: unknown };
  const proto = Uint8Array.prototype as unknown as { toBase64?: unknown };
  target.fromBase64 = (text: string) => {
    if (/[^A-Za-z0-9+/=\s]/.test(text)) throw new SyntaxError('bad character');
    return new Uint8Array(Buffer.from(text, 'base64'));
  };
  proto.toBase64 = function (this: Uint8Array) {
    return Buffer.from(this).toString('base64');
  };
  return () => {
    delete target.fromBase64;
    delete proto.toBase64;
  };
}

describe('native base64 codecs agree with the portable reader and writer', () => {
  afterEach(() => {
    setCryptoProvider(portableProvider);
    lendNativeBase64(undefined);
  });

  const codecs: Array<[string, () => void]> = [
    ['the Node provider (Buffer)', () => setCryptoProvider(nodeProvider)],
    [
      "the runtime's Uint8Array.fromBase64/toBase64",
      () => {
        const restore = installBase64Builtins();
        try {
          lendNativeBase64(builtInBase64());
        } finally {
          restore();
        }
      },
    ],
  ];

  it.each(codecs)('%s: a native codec is in use', (_, use) => {
    expect(nativeBase64()).toBeUndefined();
    use();
    expect(nativeBase64()).toBeDefined();
  });

  it.each(codecs)('%s: same text for any bytes', (_, use) => {
    use();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.nat(8), (bytes, offset) => {
        const view = bytes.subarray(Math.min(offset, bytes.length)); // a view that does not start its buffer
        expect(base64Encode(view)).toBe(base64EncodePortable(view));
      }),
    );
  });

  it.each(codecs)('%s: same bytes, or the same refusal, for any text', (_, use) => {
    use();
    fc.assert(
      fc.property(nearBase64, (text) => {
        expect(decodeOutcome(base64Decode, text)).toEqual(decodeOutcome(base64DecodePortable, text));
      }),
      { numRuns: 2000 },
    );
    for (const text of ['', 'AAEC\r\nAwQF\n', 'QQ', 'QR==', 'QUI', 'QUJ=', 'ab-_', 'QQ==\f', 'QQ= =', 'QQ===']) {
      expect(decodeOutcome(base64Decode, text)).toEqual(decodeOutcome(base64DecodePortable, text));
    }
  });
});

describe("Buffer's canonical check answers exactly as decoding and re-encoding does", () => {
  /** The check it replaces: Buffer's (lenient) decoding, kept only when re-encoding gives the text back. */
  function byReencoding(text: string): Uint8Array | undefined {
    const decoded = Buffer.from(text, 'base64');
    return decoded.toString('base64') === text ? new Uint8Array(decoded) : undefined;
  }
  function byShapeAndLength(text: string): Uint8Array | undefined {
    const decoded = bufferBase64.decodeCanonical(text);
    return decoded === undefined ? undefined : new Uint8Array(decoded);
  }

  // Characters a canonical text must not hold, and wide ones whose low byte is a base64 symbol (U+0141 → 'A',
  // U+012B → '+', U+0130 → '0', U+013D → '='), which Buffer reads as that symbol.
  const hostile = [
    '=',
    '-',
    '_',
    ' ',
    '\n',
    '\t',
    '\f',
    '\0',
    '!',
    '.',
    '\x7f',
    '\x80',
    '\xc1',
    '\xff',
    '\u0141',
    '\u012b',
    '\u0130',
    '\u013d',
    '\u0161',
    '\ud800',
    '\udc00',
    '😀',
    'A',
    'B',
    'Q',
    'g',
    'w',
    '/',
    '+',
  ];
  // A canonical encoding with characters replaced (the length stays a whole number of quanta, so only the
  // alphabet, padding and unused-bit checks can refuse it), inserted or dropped.
  const mangled = fc
    .tuple(
      fc.uint8Array({ maxLength: 64 }),
      fc.array(fc.tuple(fc.constantFrom('replace', 'insert', 'drop'), fc.nat(), fc.constantFrom(...hostile)), {
        maxLength: 3,
      }),
    )
    .map(([data, edits]) => {
      let text = Buffer.from(data).toString('base64');
      for (const [kind, at, c] of edits) {
        const i = text.length === 0 ? 0 : at % text.length;
        if (kind === 'replace') text = text.slice(0, i) + c + text.slice(i + 1);
        else if (kind === 'insert') text = text.slice(0, i) + c + text.slice(i);
        else text = text.slice(0, i) + text.slice(i + 1);
      }
      return text;
    });
  // Any short text over a small alphabet of symbols, padding and hostile characters.
  const anyText = fc
    .array(fc.constantFrom('A', 'Q', 'g', 'w', '/', '+', '=', '-', ' ', '\u0141', '!'), { maxLength: 12 })
    .map((chars) => chars.join(''));

  it('on canonical texts with characters replaced, inserted or dropped', () => {
    let accepted = 0;
    fc.assert(
      fc.property(mangled, (text) => {
        const expected = byReencoding(text);
        if (expected !== undefined) accepted++;
        expect(byShapeAndLength(text)).toEqual(expected);
      }),
      { numRuns: 20_000 },
    );
    expect(accepted).toBeGreaterThan(1000); // both answers are drawn, not only refusals
  });

  it('on any short text over symbols, padding and hostile characters', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(byShapeAndLength(text)).toEqual(byReencoding(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('on every text of one quantum over a set of symbols, padding and hostile characters', () => {
    const symbols = ['A', 'B', 'C', 'P', 'Q', 'g', 'h', 'w', '/', '=', '-', '_', ' ', '\u0141', '\u013d', '!'];
    for (const a of symbols)
      for (const b of symbols)
        for (const c of symbols)
          for (const d of symbols) {
            const text = a + b + c + d;
            expect(byShapeAndLength(text)).toEqual(byReencoding(text));
          }
  });

  it('on named edge cases', () => {
    for (const text of ['', '====', 'A===', 'QQ==', 'QR==', 'QUI=', 'QUJ=', 'QQ==QUFB', 'QU=D', 'QUJ\u0144', 'ab-_']) {
      expect(byShapeAndLength(text)).toEqual(byReencoding(text));
    }
  });
});
