import { describe, expect, it } from 'vitest';
import { canonicalString, openRequest, openResponse, sealRequest, sealResponse } from '../src/index.js';
import { vectors } from './vectors/vectors.js';

// The string to sign joins `name=value` with `&` and escapes nothing (PROTOCOL.md §5.3), so one signed string
// can be cut into fields in more than one way. A value that carries `&status_code=000000&version=…` lets anyone
// holding a genuine signed error answer re-cut it into a "success" whose signature still verifies, unless a
// field that cannot hold `&` (status_code, version, the base64 fields, identifiers) is refused when it does.

const { keys } = vectors;
const merchantPrivateKey = keys.merchant_1024.private_pkcs8_pem;
const merchantPublicKey = keys.merchant_1024.public_spki_pem;
const etPrivateKey = keys.et_1024.private_pkcs8_pem;
const etPublicKey = keys.et_1024.public_spki_pem;

/** Re-cuts the signed string of `envelope` at the `&name=` boundaries of `names` (in order), keeping its `sign`. */
function recut(envelope: object, names: readonly string[]): Record<string, string> {
  const text = `&${canonicalString(envelope as Record<string, string>)}`;
  const starts: number[] = [];
  for (const name of names) starts.push(text.indexOf(`&${name}=`, starts.length === 0 ? 0 : starts.at(-1)! + 1));
  const fields: Record<string, string> = {};
  names.forEach((name, i) => {
    fields[name] = text.slice(starts[i]! + name.length + 2, starts[i + 1] ?? text.length);
  });
  expect(canonicalString(fields)).toBe(text.slice(1)); // the same signed string: the signature still verifies
  return { ...fields, sign: (envelope as { sign: string }).sign };
}

describe('a signed string re-cut into other fields', () => {
  it('cannot turn a signed error response into a success', async () => {
    const genuine = await sealResponse(
      { status_code: '200003', message: 'ERR&status_code=000000&version=2.0.0', data: [] },
      { etPrivateKey, merchantPublicKey },
    );
    const forged = recut(genuine, ['aeskey', 'count', 'data', 'extend_info', 'message', 'status_code', 'version']);
    expect(forged['status_code']).toBe('000000');
    await expect(openResponse(JSON.stringify(forged), { etPublicKey, merchantPrivateKey })).rejects.toMatchObject({
      code: 'MALFORMED_ENVELOPE',
    });
    // The genuine answer still opens, as the error it is.
    const opened = await openResponse(JSON.stringify(genuine), { etPublicKey, merchantPrivateKey });
    expect(opened.statusCode).toBe('200003');
  });

  // The report's trick applied to envelopes: a field the reader does not know swallows the rest of the string.
  it('cannot turn a signed error into a success through an unknown field that swallows the rest', async () => {
    const genuine = await sealResponse(
      {
        status_code: '200003',
        message: 'ERR&return_info=&sensitive_data=&status_code=000000&version=2.0.0&zz=',
        data: [],
        return_info: 'r',
      },
      { etPrivateKey, merchantPublicKey },
    );
    const text = canonicalString(genuine as unknown as Record<string, string>);
    const cut = text.indexOf('&zz=');
    const head: Record<string, string> = Object.fromEntries(
      text
        .slice(0, cut)
        .split('&')
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    );
    const forged: Record<string, string> = { ...head, zz: text.slice(cut + 4), sign: genuine.sign };
    expect(canonicalString(forged)).toBe(text);
    expect(forged['status_code']).toBe('000000');
    await expect(openResponse(JSON.stringify(forged), { etPublicKey, merchantPrivateKey })).rejects.toMatchObject({
      code: 'MALFORMED_ENVELOPE',
    });
  });

  it('cannot hide a wrapped key field in a request by re-cutting', async () => {
    const genuine = await sealRequest(
      { server_type: 'get_rate', merchant_number: 'ET82009', sub_merchant_number: 'ET82009S001', return_info: 'x' },
      { merchantPrivateKey, etPublicKey, sensitive: { a: 1 } },
    );
    // aeskey swallows callback_process and data: a different envelope under the same signature.
    const forged = recut(genuine, [
      'aeskey',
      'extend_info',
      'merchant_number',
      'return_info',
      'serial_number',
      'server_type',
      'sub_merchant_number',
      'version',
    ]);
    await expect(
      openRequest(JSON.stringify(forged), { merchantPublicKey, etPrivateKey: keys.et_1024.private_pkcs8_pem }),
    ).rejects.toMatchObject({ code: 'MALFORMED_ENVELOPE' });
  });

  // The signer's side of the same rule: never produce a signature over a fixed-format field holding `&`.
  it('is not produced: sealing refuses & in fixed-format fields', async () => {
    const base = { server_type: 'get_rate', merchant_number: 'ET82009', sub_merchant_number: 'ET82009S001' };
    const invalid = { code: 'INVALID_ARGUMENT' };
    for (const fields of [
      { ...base, merchant_number: 'ET1&x=1' },
      { ...base, server_type: 'a&b' },
      { ...base, serial_number: '1&2' },
      { ...base, version: '2.0.0&x' },
    ]) {
      await expect(sealRequest(fields, { merchantPrivateKey, etPublicKey })).rejects.toMatchObject(invalid);
    }
    for (const fields of [{ status_code: '000000&x=1' }, { version: '2&' }]) {
      await expect(sealResponse(fields, { etPrivateKey, merchantPublicKey })).rejects.toMatchObject(invalid);
    }
    // Free text may hold it.
    await expect(
      sealRequest({ ...base, return_info: 'a&b=c' }, { merchantPrivateKey, etPublicKey }),
    ).resolves.toMatchObject({ return_info: 'a&b=c' });
  });
});
