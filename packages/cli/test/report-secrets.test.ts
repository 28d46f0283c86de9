import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { base64Decode, base64Encode, hexEncode, sealRequest, sealResponse, utf8Encode } from '@etkit/crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe } from '../src/probe/probe.js';
import { buildReport, valuesIn } from '../src/report/report.js';
import { importedKeys, type ProbeKeys, probeKeys, recordingSend, removeProbeKeys } from './probe-support.js';
import { runMain } from './run-cli.js';

const salt = 'Sx7-secret-salt-93ke';
const serialNumber = '20261205160000123456ET90003';
const personal = {
  name_ch: '张伟',
  first_name_en: 'Weiming',
  last_name_en: 'Zhangsan',
  id_number: '110101199003071234',
  phone: '13812345678',
  student_email: 'zhang.wei@example.cn',
  address: '北京市朝阳区建国路88号',
  passport: 'E12345678',
};

const pemBody = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

/** A secret in every form it could leak in: as is, base64 and hex of its text, and hex of its bytes when it is base64. */
function formsOf(secret: string, isBase64 = false): string[] {
  const forms = [secret, base64Encode(utf8Encode(secret)), hexEncode(utf8Encode(secret))];
  if (isBase64) forms.push(hexEncode(base64Decode(secret)));
  return forms;
}

/** Every window of a form: a leak of part of a secret is still a leak. */
function windowsOf(form: string): string[] {
  const size = form.length > 40 ? 16 : Math.min(form.length, 8);
  const windows: string[] = [];
  for (let start = 0; start + size <= form.length; start += 1) windows.push(form.slice(start, start + size));
  return windows;
}

function expectNoneIn(output: string, secrets: Array<{ what: string; value: string; base64?: boolean }>): void {
  const lower = output.toLowerCase();
  for (const { what, value, base64 } of secrets) {
    for (const form of formsOf(value, base64)) {
      for (const window of windowsOf(form)) {
        // Hex is compared case-insensitively; the rest exactly (a base64 window is case-sensitive).
        const found = /^[0-9a-f]+$/i.test(window) ? lower.includes(window.toLowerCase()) : output.includes(window);
        if (found) throw new Error(`${what} leaked into the report: "${window}"`);
      }
    }
  }
}

let keys: ProbeKeys;
beforeAll(async () => {
  keys = await probeKeys();
});
afterAll(removeProbeKeys);

describe('etkit doctor --report shares shapes, never secrets', { timeout: 60_000 }, () => {
  it('captured request and response full of secrets and personal data: none of them reaches the report', async () => {
    const request = await sealRequest(
      {
        server_type: 'add_special_rent_order',
        merchant_number: 'ET90003',
        sub_merchant_number: 'ET90003S001',
        serial_number: serialNumber,
        data: { merchant_order_id: 'M-PRIV-77' },
        return_info: salt,
      },
      { merchantPrivateKey: keys.merchant.privateKeyPem, etPublicKey: keys.et.publicKeyPem, sensitive: personal },
    );
    const response = await sealResponse(
      {
        status_code: '200001',
        message: `id_number ${personal.id_number} of ${personal.name_ch} (${personal.phone}, ${personal.student_email}) is invalid`,
        data: [{ order_id: 'ET2026120500001', merchant_order_id: 'M-PRIV-77', student_email: personal.student_email }],
        return_info: serialNumber,
      },
      {
        etPrivateKey: keys.et.privateKeyPem,
        merchantPublicKey: keys.merchant.publicKeyPem,
        sensitive: [{ ...personal, order_id: 'ET2026120500001' }],
      },
    );
    const requestFile = join(keys.dir, 'request.json');
    const responseFile = join(keys.dir, 'response.json');
    writeFileSync(requestFile, JSON.stringify(request));
    writeFileSync(responseFile, JSON.stringify(response));
    const base = join(keys.dir, 'captured-report');
    const result = await runMain([
      'doctor',
      '--report',
      base,
      '--request',
      requestFile,
      '--response',
      responseFile,
      '--et-public-key',
      keys.files.etPublicKey,
      '--merchant-private-key',
      keys.files.merchantPrivateKey,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const markdown = readFileSync(`${base}.md`, 'utf8');
    const json = readFileSync(`${base}.json`, 'utf8');

    // It says something useful: the fields, their shapes, the key size, the status code and the variants.
    expect(markdown).toContain('`id_number` | string(18: digit)');
    expect(markdown).toContain('`sign` | string(172: digit, upper, lower, ascii-punctuation), base64 of 128 bytes');
    expect(markdown).toContain('status_code: `200001`');
    expect(markdown).toContain('merchant private key 1024 bits');
    expect(JSON.parse(json).responseVariants.attempts).toHaveLength(12);

    const secrets = [
      { what: 'merchant private key', value: pemBody(keys.merchant.privateKeyPem), base64: true },
      { what: 'merchant public key', value: pemBody(keys.merchant.publicKeyPem), base64: true },
      { what: 'ET private key', value: pemBody(keys.et.privateKeyPem), base64: true },
      { what: 'ET public key', value: pemBody(keys.et.publicKeyPem), base64: true },
      { what: 'salt', value: salt },
      { what: 'request signature', value: request.sign, base64: true },
      { what: 'request ciphertext', value: request.sensitive_data, base64: true },
      { what: 'request aeskey', value: request.aeskey, base64: true },
      { what: 'response signature', value: response.sign, base64: true },
      { what: 'response ciphertext', value: response.sensitive_data, base64: true },
      { what: 'response aeskey', value: response.aeskey, base64: true },
      { what: 'serial number', value: serialNumber },
      { what: 'merchant number', value: 'ET90003' },
      { what: 'order id', value: 'ET2026120500001' },
      { what: 'merchant order id', value: 'M-PRIV-77' },
      ...Object.entries(personal).map(([what, value]) => ({ what, value })),
    ];
    expectNoneIn(markdown, secrets);
    expectNoneIn(json, secrets);
  });

  it('a probe whose server echoes serial and merchant numbers in its messages: the report keeps neither', async () => {
    const recorder = recordingSend(async (body) => {
      const { serial_number: serial, merchant_number: merchant } = JSON.parse(body) as Record<string, string>;
      return JSON.stringify({ status_code: 'E42', message: `merchant ${merchant} serial ${serial} refused`, sign: '' });
    });
    const result = await runProbe({
      url: 'http://sandbox.invalid/server',
      merchantNumber: 'ET90003',
      subMerchantNumber: 'ET90003S001',
      ...(await importedKeys(keys)),
      timeoutMs: 1_000,
      send: recorder.send,
    });
    const report = buildReport({
      source: 'probe',
      environment: 'other',
      keyBits: { merchantPrivateKey: 1024, etPublicKey: 1024 },
      probe: result,
      knownValues: ['ET90003', 'ET90003S001'],
    });
    const serials = recorder.bodies.map((body) => (JSON.parse(body) as { serial_number: string }).serial_number);
    const signatures = recorder.bodies.map((body) => (JSON.parse(body) as { sign: string }).sign);
    expect(report.markdown).toContain('merchant <value> serial <');
    const secrets = [
      ...serials.map((value) => ({ what: 'serial number', value })),
      ...signatures.map((value) => ({ what: 'request signature', value, base64: true })),
      { what: 'merchant number', value: 'ET90003' },
      { what: 'merchant private key', value: pemBody(keys.merchant.privateKeyPem), base64: true },
    ];
    expectNoneIn(report.markdown, secrets);
    expectNoneIn(JSON.stringify(report.json), secrets);
    // The probe's own stdout keeps them out too.
    expectNoneIn(JSON.stringify({ ...result, observations: undefined }), secrets);
  });

  it('property: whatever personal data a captured answer holds, in its fields or echoed in its message, none reaches the report', () => {
    const value = fc.stringMatching(/^[A-Za-z0-9\u4e00-\u9fa5@._+-]{8,40}$/).filter((v) => !/^(.)\1+$/.test(v));
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z_]{1,20}$/), value, { minKeys: 1, maxKeys: 6 }), (record) => {
        const values = Object.values(record);
        const body = JSON.stringify({
          status_code: '123456',
          message: `refused: ${values.join(' / ')}`,
          data: JSON.stringify([record]),
          sensitive_data: '',
          aeskey: '',
          sign: '',
        });
        const report = buildReport({
          source: 'captured',
          keyBits: {},
          response: { body, opened: { data: [record], sensitive: [record] } },
          knownValues: valuesIn(JSON.parse(body)),
        });
        const output = `${report.markdown}\n${JSON.stringify(report.json)}`;
        for (const secret of values) {
          if (output.includes(secret)) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
