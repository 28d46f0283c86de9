import { describe, expect, it } from 'vitest';
import { createDeliveryProcessor, DEFAULT_MAX_BODY_BYTES, parseNotificationBody } from '../src/index.js';
import { buildNotification } from '../src/testing.js';

// Every bound the body readers put on what an attacker controls, each checked at the limit (read) and one past it
// (refused, with its code and a message that names the limit), in every encoding it applies to.

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const BOUNDARY = 'limits-boundary';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

type Encoding = 'form' | 'json' | 'multipart';
const encodings: Encoding[] = ['form', 'json', 'multipart'];

/** A body of these fields in one encoding (names and values plain ASCII, so no escaping is needed). */
function body(encoding: Encoding, fields: Array<[string, string]>): { body: string; contentType: string } {
  switch (encoding) {
    case 'form':
      return { body: fields.map(([name, value]) => `${name}=${value}`).join('&'), contentType: FORM };
    case 'json':
      return { body: `{${fields.map(([name, value]) => `"${name}":"${value}"`).join(',')}}`, contentType: JSON_TYPE };
    case 'multipart':
      return {
        body: `${fields.map(([name, value]) => part(name, value)).join('')}--${BOUNDARY}--\r\n`,
        contentType: MULTIPART,
      };
  }
}

const part = (name: string, value: string, headers = '') =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n${headers}\r\n${value}\r\n`;

const numbered = (count: number): Array<[string, string]> =>
  Array.from({ length: count }, (_, i) => [`f${i}`, String(i)]);

const refusal = (code: string, message?: RegExp) =>
  expect.objectContaining({
    name: 'NotificationError',
    code,
    ...(message ? { message: expect.stringMatching(message) } : {}),
  });

describe('field count: at most 64 fields in every encoding', () => {
  it.each(encodings)('%s: 64 fields are read, the 65th is refused with MALFORMED', async (encoding) => {
    const at = body(encoding, numbered(64));
    expect(Object.keys(await parseNotificationBody(at.body, at.contentType))).toHaveLength(64);
    const past = body(encoding, numbered(65));
    await expect(parseNotificationBody(past.body, past.contentType)).rejects.toEqual(
      refusal('MALFORMED', /more than 64 (fields|top-level members)/),
    );
  });

  it.each(encodings)('%s: the 65th field stops the reading (what follows it is never looked at)', async (encoding) => {
    // After the 65th field comes something each reader would refuse for another reason if it read that far.
    const past = body(encoding, numbered(65));
    const tails: Record<Encoding, string> = {
      form: `${past.body}&broken=%E5%AD`,
      json: `${past.body.slice(0, -1)},"broken":}`,
      multipart: `${past.body.slice(0, -`--${BOUNDARY}--\r\n`.length)}--${BOUNDARY}\r\nno headers, no end`,
    };
    await expect(parseNotificationBody(tails[encoding], past.contentType)).rejects.toEqual(
      refusal('MALFORMED', /more than 64 (fields|top-level members)/),
    );
  });
});

describe('field names: at most 64 characters', () => {
  it.each(encodings)('%s: a 64-character name is read, a 65-character one refused', async (encoding) => {
    const at = body(encoding, [['n'.repeat(64), '1']]);
    expect(Object.keys(await parseNotificationBody(at.body, at.contentType))).toEqual(['n'.repeat(64)]);
    const past = body(encoding, [['n'.repeat(65), '1']]);
    await expect(parseNotificationBody(past.body, past.contentType)).rejects.toEqual(
      refusal('MALFORMED', /name is longer than 64 characters/),
    );
  });

  it('a form name is refused before it is decoded, however it is escaped', async () => {
    const escaped = `${'%E5%AD%A6'.repeat(65)}=1`; // 65 characters once decoded
    await expect(parseNotificationBody(escaped, FORM)).rejects.toEqual(refusal('MALFORMED', /longer than 64/));
    await expect(parseNotificationBody(`${'n'.repeat(5000)}=1`, FORM)).rejects.toEqual(
      refusal('MALFORMED', /longer than 64/),
    );
  });
});

describe('JSON nesting and values', () => {
  const nested = (depth: number) => `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;

  it('a notification is flat; nesting up to 4 levels (the body counting 1) is kept as text, deeper is refused', async () => {
    expect({ ...(await parseNotificationBody(nested(4), JSON_TYPE)) }).toEqual({ a: '[[[]]]' });
    await expect(parseNotificationBody(nested(5), JSON_TYPE)).rejects.toEqual(
      refusal('MALFORMED', /nested more than 4 deep/),
    );
    await expect(parseNotificationBody(`{"a":${'['.repeat(4000)}`, JSON_TYPE)).rejects.toEqual(
      refusal('MALFORMED', /nested more than 4 deep/),
    );
  });

  it('at most 256 values at any depth: a body of thousands of tiny nested values is refused', async () => {
    const list = (count: number) => `{"a":[${Array(count).fill('1').join(',')}]}`;
    // The member's value is one value, its elements the others.
    expect((await parseNotificationBody(list(255), JSON_TYPE))['a']).toHaveLength(2 * 255 + 1);
    await expect(parseNotificationBody(list(256), JSON_TYPE)).rejects.toEqual(
      refusal('MALFORMED', /more than 256 values/),
    );
  });
});

describe('Content-Type header', () => {
  const form = 'a=1';

  it('a header of 512 characters is read, one of 513 refused with UNSUPPORTED_CONTENT_TYPE', async () => {
    const header = (length: number) => `${FORM}; x="${'y'.repeat(length - FORM.length - 6)}"`;
    expect(header(512)).toHaveLength(512);
    await expect(parseNotificationBody(form, header(512))).resolves.toEqual({ a: '1' });
    await expect(parseNotificationBody(form, header(513))).rejects.toEqual(
      refusal('UNSUPPORTED_CONTENT_TYPE', /longer than 512 characters/),
    );
    await expect(parseNotificationBody(form, `${FORM};${' a=b;'.repeat(4000)}`)).rejects.toEqual(
      refusal('UNSUPPORTED_CONTENT_TYPE'),
    );
  });

  it('8 parameters are read, a 9th is refused with UNSUPPORTED_CONTENT_TYPE', async () => {
    const parameters = (count: number) => Array.from({ length: count }, (_, i) => `; p${i}=v`).join('');
    await expect(parseNotificationBody(form, `${FORM}${parameters(8)}`)).resolves.toEqual({ a: '1' });
    await expect(parseNotificationBody(form, `${FORM}${parameters(9)}`)).rejects.toEqual(
      refusal('UNSUPPORTED_CONTENT_TYPE', /more than 8 parameters/),
    );
  });

  it('a repeated parameter is MALFORMED: readers could keep different ones', async () => {
    await expect(parseNotificationBody(form, `${FORM}; charset=utf-8; charset=utf-8`)).rejects.toEqual(
      refusal('MALFORMED', /repeats a parameter/),
    );
    const built = buildNotification({ salt: 's', encoding: 'multipart', boundary: 'one' });
    await expect(parseNotificationBody(built.body, 'multipart/form-data; boundary=one; BOUNDARY=two')).rejects.toEqual(
      refusal('MALFORMED', /repeats a parameter/),
    );
  });

  it('quoted values: escapes are undone, an unterminated quote or text after the quote is MALFORMED', async () => {
    await expect(parseNotificationBody(form, `${FORM}; charset="utf\\-8"`)).resolves.toEqual({ a: '1' });
    await expect(parseNotificationBody(form, `${FORM}; charset="utf-8`)).rejects.toEqual(refusal('MALFORMED'));
    await expect(parseNotificationBody(form, `${FORM}; charset="utf-8"x`)).rejects.toEqual(refusal('MALFORMED'));
  });

  it('a multipart boundary is 1 to 70 characters of the RFC 2046 set', async () => {
    for (const boundary of ['b', 'B'.repeat(70), "a'()+_,-./:=?z", 'with inner space']) {
      const built = buildNotification({ salt: 's', encoding: 'multipart', boundary });
      const fields = await parseNotificationBody(built.body, `multipart/form-data; boundary="${boundary}"`);
      expect({ ...fields }).toEqual(built.fields);
    }
    for (const boundary of ['B'.repeat(71), 'trailing-space ', 'semi"quote', 'tab\there', '学']) {
      await expect(
        parseNotificationBody('x', `multipart/form-data; boundary="${boundary.replace('"', '\\"')}"`),
      ).rejects.toEqual(refusal('MALFORMED', /boundary is 1 to 70 characters/));
    }
  });
});

describe('multipart parts', () => {
  const multipart = (...parts: string[]) => `${parts.join('')}--${BOUNDARY}--\r\n`;
  const read = (text: string) => parseNotificationBody(text, MULTIPART).then((fields) => ({ ...fields }));

  it('a Content-Transfer-Encoding other than 7bit, 8bit or binary is MALFORMED (a base64 part is not read as text)', async () => {
    for (const encoding of ['base64', 'BASE64', 'quoted-printable', 'x-gzip', '']) {
      await expect(read(multipart(part('a', 'eA==', `Content-Transfer-Encoding: ${encoding}\r\n`)))).rejects.toEqual(
        refusal('MALFORMED', encoding === '' ? /./ : /Content-Transfer-Encoding other than 7bit/),
      );
    }
    for (const encoding of ['7bit', '8bit', 'binary', 'BINARY', ' 8Bit ']) {
      expect(await read(multipart(part('a', 'eA==', `Content-Transfer-Encoding: ${encoding}\r\n`)))).toEqual({
        a: 'eA==',
      });
    }
  });

  it('through the delivery flow, a base64 part is answered 400 MALFORMED and never reaches the handler', async () => {
    let handled = 0;
    const processDelivery = createDeliveryProcessor({
      salt: 's',
      onNotification: () => {
        handled++;
      },
      onError: () => {},
    });
    const built = buildNotification({ salt: 's', encoding: 'multipart' });
    const base64Part = built.body.replace(
      'name="order_id"\r\n',
      'name="order_id"\r\nContent-Transfer-Encoding: base64\r\n',
    );
    const answer = await processDelivery({
      method: 'POST',
      contentType: built.contentType,
      readBody: async () => base64Part,
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ notify_result: 'FAIL', code: 'MALFORMED' });
    expect(handled).toBe(0);
  });

  it('refuses a repeated Content-Disposition or Content-Transfer-Encoding, and a repeated name parameter', async () => {
    const twice = 'Content-Disposition: form-data; name="b"\r\n';
    await expect(read(multipart(part('a', 'x', twice)))).rejects.toEqual(refusal('MALFORMED', /repeats/));
    const cte = 'Content-Transfer-Encoding: 8bit\r\nContent-Transfer-Encoding: 8bit\r\n';
    await expect(read(multipart(part('a', 'x', cte)))).rejects.toEqual(refusal('MALFORMED', /repeats/));
    const names = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"; name="b"\r\n\r\nx\r\n`;
    await expect(read(multipart(names))).rejects.toEqual(refusal('MALFORMED', /repeats a parameter/));
  });

  it('a header block over 1024 characters, more than 8 headers, or a malformed header line is MALFORMED', async () => {
    const long = `X-Pad: ${'p'.repeat(1024)}\r\n`;
    await expect(read(multipart(part('a', 'x', long)))).rejects.toEqual(refusal('MALFORMED', /longer than 1024/));
    const many = 'X-A: 1\r\n'.repeat(8);
    await expect(read(multipart(part('a', 'x', many)))).rejects.toEqual(refusal('MALFORMED', /more than 8 headers/));
    expect(await read(multipart(part('a', 'x', 'X-A: 1\r\n'.repeat(7))))).toEqual({ a: 'x' });
    for (const bad of [' folded: 1\r\n', 'no colon\r\n', 'bad name: 1\r\n', 'X-A: bare\rCR\r\n', ': 1\r\n']) {
      await expect(read(multipart(part('a', 'x', bad)))).rejects.toEqual(refusal('MALFORMED', /header line/));
    }
  });

  it('a part that is not form-data, has no name, or is a file (filename or filename*) is MALFORMED', async () => {
    const cases = [
      `--${BOUNDARY}\r\nContent-Disposition: attachment; name="a"\r\n\r\nx\r\n`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name*=utf-8''a\r\n\r\nx\r\n`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"; filename="a.txt"\r\n\r\nx\r\n`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"; filename*=utf-8''a.txt\r\n\r\nx\r\n`,
      `--${BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nx\r\n`,
      `--${BOUNDARY}\r\n\r\nx\r\n`,
    ];
    for (const text of cases) await expect(read(multipart(text))).rejects.toEqual(refusal('MALFORMED'));
  });

  it('a body without a closing boundary, without any boundary, or with a boundary line not ended by CRLF is MALFORMED', async () => {
    await expect(read(part('a', 'x'))).rejects.toEqual(refusal('MALFORMED', /ends inside a part/));
    await expect(read('a=1')).rejects.toEqual(refusal('MALFORMED', /no boundary line/));
    await expect(read(`--${BOUNDARY}X\r\n`)).rejects.toEqual(refusal('MALFORMED', /not followed by CRLF/));
    await expect(read(`--${BOUNDARY}\nContent-Disposition: form-data; name="a"\n\nx\n--${BOUNDARY}--`)).rejects.toEqual(
      refusal('MALFORMED'),
    );
  });

  it('reads what RFC 2046 and 7578 allow: preamble, epilogue, padding, any header case, extra headers, OWS', async () => {
    const text =
      'a preamble, ignored\r\n' +
      `--${BOUNDARY} \t\r\n` +
      'content-disposition:FORM-DATA;NAME="a"  \r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      'CONTENT-TRANSFER-ENCODING: 8bit\r\n\r\n' +
      'line 1\r\nline 2\r\n' +
      `--${BOUNDARY}\r\n` +
      'Content-Disposition: form-data; name=token_name\r\n\r\n' +
      '\r\n' +
      `--${BOUNDARY}--\r\nan epilogue, ignored`;
    expect(await read(text)).toEqual({ a: 'line 1\r\nline 2', token_name: '' });
  });

  it('reads a quoted name as browsers write it: %22, %0D, %0A stand for ", CR, LF; a backslash is itself', async () => {
    const named = (name: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\nx\r\n`;
    expect(Object.keys(await read(multipart(named('a%22b%0d%0Ac%41'))))).toEqual(['a"b\r\nc%41']);
    expect(Object.keys(await read(multipart(named('a\\b'))))).toEqual(['a\\b']);
  });
});

describe('body size', () => {
  it('defaults to 8 KiB: a body of 8192 bytes is read, one of 8193 refused with BODY_TOO_LARGE', async () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(8192);
    const at = `a=${'x'.repeat(8190)}`;
    expect((await parseNotificationBody(at, FORM))['a']).toHaveLength(8190);
    await expect(parseNotificationBody(`${at}x`, FORM)).rejects.toEqual(refusal('BODY_TOO_LARGE', /8192 bytes/));
    await expect(parseNotificationBody(new TextEncoder().encode(`${at}x`), FORM)).rejects.toEqual(
      refusal('BODY_TOO_LARGE'),
    );
  });

  it('a larger maxBodyBytes reads a larger body', async () => {
    const text = `a=${'x'.repeat(20_000)}`;
    expect((await parseNotificationBody(text, FORM, { maxBodyBytes: 32_768 }))['a']).toHaveLength(20_000);
  });
});
