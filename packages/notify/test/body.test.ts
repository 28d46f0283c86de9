import { signNotification } from '@etkit/crypto';
import { describe, expect, it } from 'vitest';
import { createNotificationVerifier, parseNotificationBody } from '../src/index.js';
import { buildNotification, sampleFields } from '../src/testing.js';

const FORM = 'application/x-www-form-urlencoded';
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('parseNotificationBody: encodings', () => {
  for (const encoding of ['json', 'form', 'multipart'] as const) {
    it(`reads ${encoding} into the same wire fields`, async () => {
      const built = buildNotification({ salt: 's', encoding, fields: { extend_info: 'note: 学费 & more=1+2' } });
      const fields = await parseNotificationBody(built.body, built.contentType);
      expect({ ...fields }).toEqual(built.fields);
      expect(await parseNotificationBody(utf8(built.body), built.contentType)).toEqual(fields);
    });
  }

  it('keeps JSON numbers, booleans and nested values as their source text and drops null members', async () => {
    const body = '{"a": 10000.00, "b": 1e3, "c": true, "d": {"x": [1, 2.50]}, "e": null, "f": "\\u5b66"}';
    const fields = await parseNotificationBody(body, 'application/json');
    expect({ ...fields }).toEqual({ a: '10000.00', b: '1e3', c: 'true', d: '{"x": [1, 2.50]}', f: '学' });
  });

  it('reads a null member as profile.notificationNullMembers says: left out, empty, or the text null', async () => {
    const body = '{"order_id": "ET1", "extend_info": null}';
    const read = (nullMembers?: 'omit' | 'empty' | 'null-text') =>
      parseNotificationBody(body, 'application/json', { nullMembers }).then((fields) => ({ ...fields }));
    expect(await read()).toEqual({ order_id: 'ET1' });
    expect(await read('omit')).toEqual({ order_id: 'ET1' });
    expect(await read('empty')).toEqual({ order_id: 'ET1', extend_info: '' });
    expect(await read('null-text')).toEqual({ order_id: 'ET1', extend_info: 'null' });
  });

  it('verifies a null member only under the reading ET signed it with', async () => {
    const { extend_info: _, ...fields } = sampleFields('payment_result');
    const signedAs = {
      omit: signNotification(fields, 's'),
      empty: signNotification({ ...fields, extend_info: '' }, 's'),
      'null-text': signNotification({ ...fields, extend_info: 'null' }, 's'),
    } as const;
    for (const [etReading, sign] of Object.entries(signedAs)) {
      const body = JSON.stringify({ ...fields, extend_info: null, sign });
      for (const nullMembers of ['omit', 'empty', 'null-text'] as const) {
        const verifier = createNotificationVerifier({ salt: 's', profile: { notificationNullMembers: nullMembers } });
        const opened = verifier.open({ body, contentType: 'application/json' });
        if (nullMembers === etReading) await expect(opened).resolves.toMatchObject({ kind: 'payment_result' });
        else await expect(opened).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
      }
    }
  });

  it('decodes form values once: + is a space, %2B a plus, and a missing = an empty value', async () => {
    const fields = await parseNotificationBody('a=1+2%2B3&b&c=&&d=%E5%AD%A6', FORM);
    expect({ ...fields }).toEqual({ a: '1 2+3', b: '', c: '', d: '学' });
  });

  it('accepts a charset of UTF-8 in any spelling and a quoted multipart boundary', async () => {
    await expect(parseNotificationBody('a=1', `${FORM}; charset=UTF-8`)).resolves.toEqual({ a: '1' });
    await expect(parseNotificationBody('{"a":"1"}', 'Application/JSON;charset="utf8"')).resolves.toEqual({ a: '1' });
    const built = buildNotification({ salt: 's', encoding: 'multipart', boundary: 'b-1' });
    const fields = await parseNotificationBody(built.body, 'multipart/form-data; charset=utf-8; boundary="b-1"');
    expect(fields['order_id']).toBe('ET2026112800000001');
  });

  it('sniffs a body without content type: { means JSON, anything else form', async () => {
    await expect(parseNotificationBody(' {"a":"1"}', undefined)).resolves.toEqual({ a: '1' });
    await expect(parseNotificationBody('a=1', null)).resolves.toEqual({ a: '1' });
  });

  it('ignores a UTF-8 byte-order mark, given as text or as bytes', async () => {
    await expect(parseNotificationBody('\uFEFF{"a":"1"}', 'application/json')).resolves.toEqual({ a: '1' });
    await expect(parseNotificationBody(utf8('\uFEFFa=1'), FORM)).resolves.toEqual({ a: '1' });
  });

  it('keeps a field called __proto__ as a field', async () => {
    const fields = await parseNotificationBody('__proto__=x&a=1', FORM);
    expect(Object.keys(fields)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value).toBe('x');
  });
});

describe('parseNotificationBody: refusals', () => {
  const refusals: Array<[string, unknown, string | undefined, string]> = [
    ['a charset other than UTF-8', 'a=1', `${FORM}; charset=GBK`, 'UNSUPPORTED_CONTENT_TYPE'],
    ['text/plain', 'a=1', 'text/plain', 'UNSUPPORTED_CONTENT_TYPE'],
    ['multipart without boundary', 'a=1', 'multipart/form-data', 'MALFORMED'],
    ['multipart garbage', 'garbage', 'multipart/form-data; boundary=x', 'MALFORMED'],
    ['an empty body', '', FORM, 'MALFORMED'],
    ['a JSON array', '[1,2]', 'application/json', 'MALFORMED'],
    ['JSON with a repeated member', '{"a":"1","a":"2"}', 'application/json', 'MALFORMED'],
    ['a repeated form field', 'a=1&a=2', FORM, 'MALFORMED'],
    ['a broken percent-escape', 'a=%E5%AD', FORM, 'MALFORMED'],
    ['an empty field name', '=1', FORM, 'MALFORMED'],
    ['a parsed object', { order_id: 'x', sign: 'y' }, 'application/json', 'BODY_NOT_RAW'],
    ['undefined', undefined, 'application/json', 'BODY_NOT_RAW'],
  ];
  for (const [name, body, contentType, code] of refusals) {
    it(`refuses ${name} with ${code}`, async () => {
      await expect(parseNotificationBody(body as string, contentType)).rejects.toMatchObject({
        name: 'NotificationError',
        code,
      });
    });
  }

  it('refuses bytes that are not UTF-8', async () => {
    await expect(parseNotificationBody(new Uint8Array([0x61, 0x3d, 0xff]), FORM)).rejects.toMatchObject({
      code: 'MALFORMED',
    });
  });

  it('refuses a multipart file part', async () => {
    const body = '--b\r\nContent-Disposition: form-data; name="a"; filename="a.txt"\r\n\r\nx\r\n--b--\r\n';
    await expect(parseNotificationBody(body, 'multipart/form-data; boundary=b')).rejects.toMatchObject({
      code: 'MALFORMED',
    });
  });

  it('counts UTF-8 bytes, not characters, against maxBodyBytes', async () => {
    const body = `a=${'学'.repeat(20)}`; // 22 characters, 62 bytes
    await expect(parseNotificationBody(body, FORM, { maxBodyBytes: 61 })).rejects.toMatchObject({
      code: 'BODY_TOO_LARGE',
    });
    await expect(parseNotificationBody(body, FORM, { maxBodyBytes: 62 })).resolves.toBeDefined();
    await expect(parseNotificationBody(utf8(body), FORM, { maxBodyBytes: 61 })).rejects.toMatchObject({
      code: 'BODY_TOO_LARGE',
    });
  });

  it('explains the Express fix when given a parsed object', async () => {
    const error = await parseNotificationBody({} as unknown as string, 'application/json').catch((e: Error) => e);
    expect((error as Error).message).toMatch(/express\.json\(\)/);
    expect((error as Error).message).toMatch(/express\.raw\(\{ type: "\*\/\*" \}\)/);
    expect((error as Error).message).toMatch(/createNotificationHandler/);
  });
});
