import { createSerialNumber, openResponse, sealRequest } from '@etkit/crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, sandboxStatusCodes } from '../src/index.js';
import { sampleOrder, testSandbox } from './helpers/sandbox.js';

let sandbox: Sandbox;
let url: string;
let merchantKey: string;
let merchantNumber: string;
let subMerchantNumber: string;

beforeAll(async () => {
  sandbox = await testSandbox();
  url = `${await sandbox.listen(0)}/server`;
  const merchant = sandbox.merchants[0]!;
  merchantKey = merchant.privateKeyPem!;
  merchantNumber = merchant.merchantNumber;
  subMerchantNumber = merchant.subMerchantNumbers[0]!;
});
afterAll(() => sandbox.close());

async function post(body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, text: await response.text() };
}

/** Every answer must be an ET-style envelope signed by the sandbox's ET key. */
async function openAnswer(text: string) {
  return openResponse(text, {
    etPublicKey: sandbox.etPublicKeyPem,
    merchantPrivateKey: merchantKey,
    profile: { unsignedResponses: 'reject' },
  });
}

async function sealed(fields: Partial<Parameters<typeof sealRequest>[0]> = {}, sensitive?: object) {
  return sealRequest(
    { server_type: 'get_rate', merchant_number: merchantNumber, sub_merchant_number: subMerchantNumber, ...fields },
    {
      merchantPrivateKey: merchantKey,
      etPublicKey: sandbox.etPublicKeyPem,
      ...(sensitive ? { sensitive } : {}),
    },
  );
}

async function expectHealthy() {
  const ok = await openAnswer((await post(JSON.stringify(await sealed()))).text);
  expect(ok.statusCode).toBe('000000');
}

describe('bad requests get signed ET-style error envelopes and the sandbox keeps serving', () => {
  const garbage = ['', 'not json', '{"unterminated": ', '[1,2,3]', 'null', '"text"', '{"a":1}{', '\u0000\u0001'];
  for (const body of garbage) {
    it(`garbage body ${JSON.stringify(body).slice(0, 20)}`, async () => {
      const answer = await post(body);
      expect(answer.status).toBe(200);
      const opened = await openAnswer(answer.text);
      expect(opened.verified).toBe(true);
      expect(opened.statusCode).toBe(sandboxStatusCodes.malformedRequest);
      await expectHealthy();
    });
  }

  it('unknown merchant', async () => {
    const opened = await openAnswer((await post(JSON.stringify(await sealed({ merchant_number: 'ET00000' })))).text);
    expect(opened.statusCode).toBe(sandboxStatusCodes.unknownMerchant);
    await expectHealthy();
  });

  it('unknown sub-merchant', async () => {
    const opened = await openAnswer((await post(JSON.stringify(await sealed({ sub_merchant_number: 'X' })))).text);
    expect(opened.statusCode).toBe(sandboxStatusCodes.unknownMerchant);
  });

  it('bad signature (a field changed after signing)', async () => {
    const envelope = await sealed();
    const tampered = { ...envelope, return_info: 'changed' };
    const opened = await openAnswer((await post(JSON.stringify(tampered))).text);
    expect(opened.statusCode).toBe(sandboxStatusCodes.signatureInvalid);
    expect(opened.returnInfo).toBe('changed');
    await expectHealthy();
  });

  it('signature by another key', async () => {
    const other = await testSandbox();
    const envelope = await sealRequest(
      { server_type: 'get_rate', merchant_number: merchantNumber, sub_merchant_number: subMerchantNumber },
      { merchantPrivateKey: other.merchants[0]!.privateKeyPem!, etPublicKey: sandbox.etPublicKeyPem },
    );
    await other.close();
    const opened = await openAnswer((await post(JSON.stringify(envelope))).text);
    expect(opened.statusCode).toBe(sandboxStatusCodes.signatureInvalid);
  });

  it('missing sign', async () => {
    const { sign: _sign, ...unsigned } = await sealed();
    const opened = await openAnswer((await post(JSON.stringify(unsigned))).text);
    expect(opened.statusCode).toBe(sandboxStatusCodes.signatureInvalid);
  });

  it('reused serial number', async () => {
    const serial = createSerialNumber(merchantNumber);
    const first = await openAnswer((await post(JSON.stringify(await sealed({ serial_number: serial })))).text);
    expect(first.statusCode).toBe('000000');
    const again = await openAnswer((await post(JSON.stringify(await sealed({ serial_number: serial })))).text);
    expect(again.statusCode).toBe(sandboxStatusCodes.serialNumberReused);
    await expectHealthy();
  });

  for (const field of ['serial_number', 'merchant_number', 'sub_merchant_number', 'server_type', 'version']) {
    it(`missing envelope field ${field}`, async () => {
      const envelope: Record<string, unknown> = { ...(await sealed()) };
      delete envelope[field];
      const opened = await openAnswer((await post(JSON.stringify(envelope))).text);
      expect(opened.statusCode).toBe(sandboxStatusCodes.fieldInvalid);
      expect(opened.message).toContain(field);
    });
  }

  it('missing business field (create order without merchant_order_id)', async () => {
    const { merchant_order_id: _id, ...rest } = sampleOrder;
    const envelope = await sealed({ server_type: 'add_special_rent_order' }, rest);
    const opened = await openAnswer((await post(JSON.stringify(envelope))).text);
    expect(opened.statusCode).toBe(sandboxStatusCodes.fieldInvalid);
    expect(opened.message).toContain('merchant_order_id');
  });

  it('field over its limit, without echoing the value', async () => {
    const secret = 'x'.repeat(51);
    const envelope = await sealed({ server_type: 'add_special_rent_order' }, { ...sampleOrder, student_email: secret });
    const opened = await openAnswer((await post(JSON.stringify(envelope))).text);
    expect(opened.statusCode).toBe(sandboxStatusCodes.fieldInvalid);
    expect(opened.message).toContain('student_email');
    expect(opened.message).not.toContain(secret);
  });

  it('personal data sent in plaintext data is refused', async () => {
    const envelope = await sealed({ server_type: 'add_special_rent_order', data: sampleOrder }, sampleOrder);
    const opened = await openAnswer((await post(JSON.stringify(envelope))).text);
    expect(opened.statusCode).toBe(sandboxStatusCodes.fieldInvalid);
    expect(opened.message).toContain('sensitive_data');
  });

  it('unknown server_type', async () => {
    const opened = await openAnswer((await post(JSON.stringify(await sealed({ server_type: 'nope' })))).text);
    expect(opened.statusCode).toBe(sandboxStatusCodes.unknownServerType);
  });

  it('sensitive_data that does not decrypt', async () => {
    const envelope = await sealed({ server_type: 'add_special_rent_order' }, sampleOrder);
    // Re-sign is impossible without changing the signature, so corrupt before sealing: a wrong AES key
    // wrap means the signature still verifies but decryption fails.
    const other = await testSandbox();
    const wrapped = await sealRequest(
      {
        server_type: 'add_special_rent_order',
        merchant_number: merchantNumber,
        sub_merchant_number: subMerchantNumber,
      },
      { merchantPrivateKey: merchantKey, etPublicKey: other.etPublicKeyPem, sensitive: sampleOrder },
    );
    await other.close();
    expect(envelope.aeskey).not.toBe('');
    const opened = await openAnswer((await post(JSON.stringify(wrapped))).text);
    expect(opened.statusCode).toBe(sandboxStatusCodes.decryptFailed);
  });

  it('GET /server and unknown paths answer HTTP errors, not crashes', async () => {
    expect((await fetch(url)).status).toBe(405);
    expect((await fetch(url.replace('/server', '/nope'))).status).toBe(404);
    await expectHealthy();
  });
});

describe('robustness (property): whatever arrives, the answer is a signed error envelope', () => {
  const envelopeField = fc.constantFrom(
    'serial_number',
    'merchant_number',
    'sub_merchant_number',
    'server_type',
    'version',
    'data',
    'sensitive_data',
    'aeskey',
    'sign',
    'return_info',
    '__proto__',
    'constructor',
  );
  const value = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant('ET82009'),
    fc.base64String(),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  );
  const bodies = fc.oneof(
    fc.string(),
    fc.dictionary(envelopeField, value).map((object) => JSON.stringify(object)),
    fc.json(),
  );

  it('never crashes and never answers success to an unsigned or forged body', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const opened = await openAnswer(await sandbox.handle(body));
        expect(opened.statusCode).not.toBe('000000');
        expect(opened.statusCode).toMatch(/^SBX\d{3}$/);
      }),
      { numRuns: 150 },
    );
    await expectHealthy();
  });

  it('a valid envelope with one field altered is refused', async () => {
    const envelope: Record<string, unknown> = { ...(await sealed({}, { note: 'x' })) };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(envelope).filter((k) => k !== 'sign')),
        fc.string({ minLength: 1, maxLength: 8 }),
        async (field, suffix) => {
          const altered = { ...envelope, [field]: `${envelope[field]}${suffix}` };
          const opened = await openAnswer(await sandbox.handle(JSON.stringify(altered)));
          expect(opened.statusCode).not.toBe('000000');
        },
      ),
      { numRuns: 60 },
    );
  });
});

it('a version other than the merchant profile’s is refused', async () => {
  const opened = await openAnswer((await post(JSON.stringify(await sealed({ version: '1.0.0' })))).text);
  expect(opened.statusCode).toBe(sandboxStatusCodes.fieldInvalid);
  expect(opened.message).toContain('version');
});

it('payloads are checked against the @etkit/openapi constraint table (enum, type, length)', async () => {
  const upload = (data: object) => sealed({ server_type: 'upload_attachment', data });
  const cases: Array<[object, string]> = [
    [{ order_id: 'ET1', attachment_type: 99, base64: 'AA==', file_name: 'a.pdf' }, 'attachment_type'],
    [{ order_id: 'ET1', attachment_type: 'one', base64: 'AA==', file_name: 'a.pdf' }, 'attachment_type'],
    [{ order_id: 'E'.repeat(31), attachment_type: 1, base64: 'AA==', file_name: 'a.pdf' }, 'order_id'],
    [{ order_id: 'ET1', attachment_type: 1, file_name: 'a.pdf' }, 'base64'],
  ];
  for (const [data, field] of cases) {
    const opened = await openAnswer((await post(JSON.stringify(await upload(data)))).text);
    expect(opened.statusCode, field).toBe(sandboxStatusCodes.fieldInvalid);
    expect(opened.message).toContain(field);
  }
  const tuition = await sealed({ server_type: 'add_special_rent_order' }, { ...sampleOrder, tuituon: 'ten pounds' });
  const opened = await openAnswer((await post(JSON.stringify(tuition))).text);
  expect(opened.statusCode).toBe(sandboxStatusCodes.fieldInvalid);
  expect(opened.message).toContain('tuituon');
});
