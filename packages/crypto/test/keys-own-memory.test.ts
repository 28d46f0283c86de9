import { describe, expect, it } from 'vitest';
import { base64Encode } from '../src/bytes.js';
import { keyInputToDer } from '../src/keys/pem.js';
// The Node provider, whose base64 decoder answers from Buffer's shared pool.
import '../src/node/index.js';

// Decoded key bytes never share memory with anything else, whichever base64 decoder the runtime provides.
describe('decoded key bytes', () => {
  const der = Uint8Array.from({ length: 300 }, (_, index) => index % 251);
  const body = base64Encode(der);

  it.each([
    ['PEM', `-----BEGIN PUBLIC KEY-----\n${body.replace(/(.{64})/g, '$1\n')}\n-----END PUBLIC KEY-----`],
    ['base64 DER', body],
  ])('from %s own their whole buffer', (_, input) => {
    const decoded = keyInputToDer(input).der;
    expect(decoded).toEqual(der);
    expect(decoded.byteOffset).toBe(0);
    expect(decoded.buffer.byteLength).toBe(der.length);
  });
});
