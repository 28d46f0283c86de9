import { describe, expect, it } from 'vitest';
import { openRequest, openResponse } from '../src/index.js';
import { vectors } from './vectors/vectors.js';

const { keys } = vectors;
const options = {
  etPublicKey: keys.et_1024.public_spki_pem,
  merchantPrivateKey: keys.merchant_1024.private_pkcs8_pem,
};

// An envelope has about ten fields. A body of thousands would have every name sorted and joined into the string
// to sign before the signature could refuse it (~0.4 s for 1 MiB of them); it is refused while being read.
describe('envelope field count', () => {
  const body = (count: number) =>
    `{"status_code":"000000","sign":"AAAA",${Array.from({ length: count - 2 }, (_, i) => `"f${i}":"x"`).join(',')}}`;

  it('reads an envelope of 64 top-level fields and refuses one of 65 with MALFORMED_JSON', async () => {
    await expect(openResponse(body(64), options)).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
    await expect(openResponse(body(65), options)).rejects.toMatchObject({
      code: 'MALFORMED_JSON',
      message: expect.stringMatching(/more than 64 top-level members/),
    });
    await expect(
      openRequest(body(65), {
        merchantPublicKey: keys.merchant_1024.public_spki_pem,
        etPrivateKey: keys.et_1024.private_pkcs8_pem,
      }),
    ).rejects.toMatchObject({ code: 'MALFORMED_JSON' });
  });
});
