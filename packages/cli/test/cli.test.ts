import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signNotification } from '@etkit/crypto';
import { readSpecText } from '@etkit/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCommand, runCli, runMain } from './run-cli.js';

let dir: string;
let merchant: { privateKeyFile: string; publicKeyFile: string };
let et: { privateKeyFile: string; publicKeyFile: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'etkit-cli-'));
  const [m, e] = await Promise.all([
    runMain(['keys', 'generate', '--bits', '1024', '--out', dir, '--name', 'merchant']),
    runMain(['keys', 'generate', '--bits', '1024', '--out', dir, '--name', 'et']),
  ]);
  expect(m.code).toBe(0);
  expect(e.code).toBe(0);
  merchant = m.json();
  et = e.json();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const requestInput = {
  server_type: 'add_special_rent_order',
  merchant_number: 'ET82009',
  sub_merchant_number: 'ET82009S001',
  sensitive: { merchant_order_id: 'M-1', tuituon: 10000.0, name_ch: '测试' },
};
// Written by hand so 10000.00 keeps its text through the CLI.
const requestJson = JSON.stringify(requestInput).replace('"tuituon":10000', '"tuituon":10000.00');

describe('etkit keys generate', { timeout: 60_000 }, () => {
  it('writes a PEM pair, the private key with mode 0600, and prints paths only', () => {
    expect(readFileSync(merchant.privateKeyFile, 'utf8')).toContain('-----BEGIN PRIVATE KEY-----');
    expect(readFileSync(merchant.publicKeyFile, 'utf8')).toContain('-----BEGIN PUBLIC KEY-----');
    expect(statSync(merchant.privateKeyFile).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite and rejects bad flags with exit 2', async () => {
    const again = await runMain(['keys', 'generate', '--bits', '1024', '--out', dir, '--name', 'merchant']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect((await runMain(['keys', 'generate', '--out', dir, '--bits', 'many'])).code).toBe(2);
    expect((await runMain(['keys', 'generate'])).code).toBe(2);
    expect((await runMain(['nonsense'])).code).toBe(2);
  });
});

// Most checks run the CLI's `main` in this process (runMain); this round trip runs the real binary (in a child
// process, stdin to stdout; the built one when it is up to date, see cliCommand), so the command line stays covered.
describe('etkit seal / open round trip', { timeout: 60_000 }, () => {
  it('seal --side merchant, then open --side et (in child processes)', async () => {
    const sealed = await runCli(
      ['seal', '--side', 'merchant', '--private-key', merchant.privateKeyFile, '--public-key', et.publicKeyFile],
      requestJson,
    );
    expect(sealed.code).toBe(0);
    const envelope = sealed.json();
    expect(envelope.sensitive_data).not.toBe('');
    const opened = await runCli(
      ['open', '--side', 'et', '--private-key', et.privateKeyFile, '--public-key', merchant.publicKeyFile],
      sealed.stdout,
    );
    expect(opened.code).toBe(0);
    const { result } = opened.json();
    expect(result.sensitive).toEqual({ merchant_order_id: 'M-1', tuituon: '10000.00', name_ch: '测试' });
    expect(result.fields.server_type).toBe('add_special_rent_order');
  });

  it('seal --side et, then open --side merchant; a tampered body fails with exit 1 and --explain says why', async () => {
    const file = join(dir, 'response.json');
    const input = join(dir, 'response-input.json');
    const sealArgs = [
      'seal',
      '--side',
      'et',
      '--private-key',
      et.privateKeyFile,
      '--public-key',
      merchant.publicKeyFile,
    ];
    const sealed = await runMain([...sealArgs, '--in', input]);
    expect(sealed.code).toBe(2); // the input file does not exist yet
    writeFileSync(input, '{"data":[{"order_id":"ET1"}],"sensitive":[{"amount":"1.50"}]}');
    const ok = await runMain([...sealArgs, '--in', input]);
    expect(ok.code).toBe(0);
    writeFileSync(file, ok.stdout);
    const openArgs = [
      'open',
      '--side',
      'merchant',
      '--private-key',
      merchant.privateKeyFile,
      '--public-key',
      et.publicKeyFile,
    ];
    const opened = await runMain([...openArgs, '--in', file, '--explain']);
    expect(opened.code).toBe(0);
    const out = opened.json();
    expect(out.result.data).toEqual([{ order_id: 'ET1' }]);
    expect(out.result.sensitive).toEqual([{ amount: '1.50' }]);
    expect(out.explain.signature).toBe('verified');
    expect(out.explain.canonicalString).toMatch(
      /^aeskey=.+&count=1&data=\[\{"order_id":"ET1"\}\]&extend_info=&message=SUCCESS/,
    );

    const tampered = JSON.stringify({ ...JSON.parse(ok.stdout), message: 'changed' });
    const failed = await runMain([...openArgs, '--explain'], tampered);
    expect(failed.code).toBe(1);
    const report = failed.json();
    expect(report.ok).toBe(false);
    expect(report.error.code).toBe('SIGNATURE_INVALID');
    expect(report.explain.canonicalString).toContain('message=changed');
    expect(report.explain.reason).toContain('does not verify');
    expect(report.explain.decryption).toContain('not attempted');
    expect(JSON.stringify(report)).not.toContain('"amount"'); // nothing of the body after a bad signature

    const wrongKey = await runMain(
      ['open', '--side', 'merchant', '--private-key', et.privateKeyFile, '--public-key', et.publicKeyFile, '--explain'],
      ok.stdout,
    );
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.json().error.code).toBe('DECRYPT_FAILED');
    expect(wrongKey.json().explain.signature).toBe('verified');
  });

  it('usage errors exit 2', async () => {
    const bad = await runMain(
      [
        'seal',
        '--side',
        'merchant',
        '--private-key',
        merchant.privateKeyFile,
        '--public-key',
        et.publicKeyFile,
        '--key-wrap',
        'rot13',
      ],
      requestJson,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--key-wrap must be one of');
    expect((await runMain(['open', '--side', 'both'])).code).toBe(2);
    const notJson = await runMain(
      ['seal', '--side', 'merchant', '--private-key', merchant.privateKeyFile, '--public-key', et.publicKeyFile],
      'nope',
    );
    expect(notJson.code).toBe(2);
  });
});

describe('etkit notify sign / verify', { timeout: 60_000 }, () => {
  const salt = 's4lt-ET82009';
  it('matches the provider vector and round-trips JSON and form bodies', async () => {
    const vectors = JSON.parse(readSpecText('vectors.json'));
    for (const c of vectors.notifications.cases.filter((x: { valid: boolean }) => x.valid)) {
      const verified = await runMain(
        ['notify', 'verify', '--salt', vectors.notifications.salt, '--content-type', c.content_type],
        c.body,
      );
      expect(verified.code, c.kind).toBe(0);
    }
    const body = '{"order_id":"ET1","pay_result":1,"pay_amount":10000.00,"pay_currency_code":"RMB","extend_info":""}';
    const signed = await runMain(['notify', 'sign', '--salt', salt], body);
    expect(signed.code).toBe(0);
    const { sign, body: signedBody } = signed.json();
    expect(sign).toMatch(/^[0-9a-f]{32}$/);
    expect(signedBody).toContain('"pay_amount":10000.00');
    expect((await runMain(['notify', 'verify', '--salt', salt], signedBody)).code).toBe(0);
    expect((await runMain(['notify', 'verify', '--salt', 'wrong'], signedBody)).code).toBe(1);
    const reformatted = signedBody.replace('10000.00', '10000');
    expect((await runMain(['notify', 'verify', '--salt', salt], reformatted)).code).toBe(1);

    const form = 'order_id=ET1&pay_result=1&pay_amount=10.00&pay_datetime=2026-11-28+10%3A00%3A00';
    const type = 'application/x-www-form-urlencoded';
    const formSigned = await runMain(['notify', 'sign', '--salt', salt, '--content-type', type], form);
    const verified = await runMain(
      ['notify', 'verify', '--salt', salt, '--content-type', type],
      formSigned.json().body,
    );
    expect(verified.code).toBe(0);
    expect(verified.json().fields.pay_datetime).toBe('2026-11-28 10:00:00');
    expect((await runMain(['notify', 'verify', '--salt', salt, '--content-type', 'text/plain'], form)).code).toBe(2);
    expect((await runMain(['notify', 'verify', '--salt', salt, '--content-type', type], form)).code).toBe(1);
  });
});

describe('etkit doctor', { timeout: 60_000 }, () => {
  const variants: Array<{ flag: string; value: string; expect: Record<string, string> }> = [
    { flag: '--key-wrap', value: 'rsa-oaep-sha256', expect: { keyWrap: 'rsa-oaep-sha256' } },
    { flag: '--key-wrap', value: 'rsa-oaep-sha1', expect: { keyWrap: 'rsa-oaep-sha1' } },
    { flag: '--signature-hash', value: 'SHA-1', expect: { signatureHash: 'SHA-1' } },
    { flag: '--canonical-form', value: 'drop-empty', expect: { canonicalForm: 'drop-empty' } },
  ];
  for (const variant of variants) {
    it(`recovers ${variant.flag} ${variant.value}`, async () => {
      const input = '{"data":[{"order_id":"ET1"}],"sensitive":[{"amount":"1.50"}],"return_info":""}';
      const sealed = await runMain(
        [
          'seal',
          '--side',
          'et',
          '--private-key',
          et.privateKeyFile,
          '--public-key',
          merchant.publicKeyFile,
          variant.flag,
          variant.value,
        ],
        input,
      );
      expect(sealed.code).toBe(0);
      const file = join(dir, `doctor-${variant.value}.json`);
      writeFileSync(file, sealed.stdout);
      const doctor = await runMain([
        'doctor',
        '--response',
        file,
        '--et-public-key',
        et.publicKeyFile,
        '--merchant-private-key',
        merchant.privateKeyFile,
      ]);
      expect(doctor.code).toBe(0);
      const report = doctor.json();
      expect(report.ok).toBe(true);
      expect(report.profile).toEqual({
        keyWrap: 'rsa-pkcs1-v1_5',
        signatureHash: 'SHA-256',
        canonicalForm: 'keep-empty',
        ...variant.expect,
      });
      expect(report.attempts).toHaveLength(12);
    });
  }

  it('exit 1 when no variant verifies (wrong ET key)', async () => {
    const sealed = await runMain(
      ['seal', '--side', 'et', '--private-key', et.privateKeyFile, '--public-key', merchant.publicKeyFile],
      '{"data":[]}',
    );
    const file = join(dir, 'doctor-wrong-key.json');
    writeFileSync(file, sealed.stdout);
    const doctor = await runMain([
      'doctor',
      '--response',
      file,
      '--et-public-key',
      merchant.publicKeyFile,
      '--merchant-private-key',
      merchant.privateKeyFile,
    ]);
    expect(doctor.code).toBe(1);
    expect(doctor.json().profile).toBe(null);
  });
});

describe('etkit sandbox serve', { timeout: 60_000 }, () => {
  it('serves until SIGTERM, prints its URL and key file paths as JSON', async () => {
    const { spawn } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const dataDir = join(dir, 'sandbox-data');
    const child = spawn(
      process.execPath,
      [...cliCommand(), 'sandbox', 'serve', '--port', '0', '--key-bits', '1024', '--data', dataDir],
      { cwd: fileURLToPath(new URL('..', import.meta.url)) },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const info = await new Promise<{ url: string; merchants: Array<{ privateKeyFile: string }> }>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        try {
          resolve(JSON.parse(stdout));
        } catch {
          // not complete yet
        }
      });
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    expect(await (await fetch(`${info.url}/sandbox/health`)).json()).toEqual({ ok: true });
    expect(info.merchants[0]!.privateKeyFile).toBe(join(dataDir, 'keys', 'ET82009-merchant-private.pem'));
    expect(stderr).toContain('ET82009-merchant-private.pem');
    expect(stderr).not.toContain('PRIVATE KEY-----');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe('etkit notify sign / verify with a JSON null member', () => {
  // sign and verify must read a null the same way, and the way the receivers (@etkit/notify) are configured.
  it('reads it as --null-members says, the same on both sides', async () => {
    const salt = 'null-salt';
    const body = '{"order_id":"ET7","pay_result":"1","extend_info":null}';
    for (const mode of ['omit', 'empty', 'null-text'] as const) {
      const flags = mode === 'omit' ? [] : ['--null-members', mode];
      const signed = await runMain(['notify', 'sign', '--salt', salt, ...flags], body);
      expect(signed.code).toBe(0);
      const asSigned = {
        order_id: 'ET7',
        pay_result: '1',
        ...(mode === 'omit' ? {} : { extend_info: mode === 'empty' ? '' : 'null' }),
      };
      expect(signed.json().sign).toBe(signNotification(asSigned, salt));
      for (const reader of ['omit', 'empty', 'null-text'] as const) {
        const verified = await runMain(
          ['notify', 'verify', '--salt', salt, '--null-members', reader],
          signed.json().body,
        );
        expect(verified.code, `${mode} signed, ${reader} read`).toBe(reader === mode ? 0 : 1);
      }
    }
    expect((await runMain(['notify', 'verify', '--salt', salt, '--null-members', 'drop'], body)).code).toBe(2);
  });
});

describe('etkit notify verify reads multipart like the receivers do', { timeout: 60_000 }, () => {
  it('verifies a multipart/form-data body', async () => {
    const salt = 'mp-salt';
    const signed = await runMain(
      ['notify', 'sign', '--salt', salt],
      '{"order_id":"ET9","pay_result":"1","pay_amount":"5.00"}',
    );
    const fields = JSON.parse(signed.json().body) as Record<string, string>;
    const boundary = 'xYzBoundary';
    const body = `${Object.entries(fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join('')}--${boundary}--\r\n`;
    const type = `multipart/form-data; boundary=${boundary}`;
    const verified = await runMain(['notify', 'verify', '--salt', salt, '--content-type', type], body);
    expect(verified.code).toBe(0);
    expect(verified.json().fields.pay_amount).toBe('5.00');
    expect((await runMain(['notify', 'verify', '--salt', 'other', '--content-type', type], body)).code).toBe(1);
    expect((await runMain(['notify', 'verify', '--salt', salt], 'not json')).code).toBe(1);
  });
});

describe('etkit notify verify refuses a re-cut forgery as the receivers do', { timeout: 60_000 }, () => {
  it('exits 1 with AMBIGUOUS for fields cut from another signed string, 0 for the genuine ones', async () => {
    const salt = 'recut-salt';
    const at = '2026-11-28 10:00:00';
    const genuine = {
      extend_info: `x&order_id=ET-VICTIM&pay_amount=99999.00&pay_datetime=${at}&pay_result=1&zz=`,
      order_id: 'ET-A',
      pay_amount: '1.00',
      pay_datetime: at,
      pay_result: '0',
    };
    const signed = await runMain(['notify', 'sign', '--salt', salt], JSON.stringify(genuine));
    const { sign } = JSON.parse(signed.json().body) as { sign: string };
    const forged = {
      extend_info: 'x',
      order_id: 'ET-VICTIM',
      pay_amount: '99999.00',
      pay_datetime: at,
      pay_result: '1',
      zz: `&order_id=ET-A&pay_amount=1.00&pay_datetime=${at}&pay_result=0`,
      sign,
    };
    const refused = await runMain(['notify', 'verify', '--salt', salt], JSON.stringify(forged));
    expect(refused.code).toBe(1);
    expect(refused.json()).toMatchObject({ ok: false, error: { code: 'AMBIGUOUS' } });
    const accepted = await runMain(['notify', 'verify', '--salt', salt], JSON.stringify({ ...genuine, sign }));
    expect(accepted.code).toBe(0);
    expect(accepted.json().fields.order_id).toBe('ET-A');
  });
});

describe('golden vectors (independent Python implementation)', { timeout: 60_000 }, () => {
  const vectors = JSON.parse(readSpecText('vectors.json'));
  const files: Record<string, string> = {};
  beforeAll(() => {
    const keyFiles = {
      etPublic: vectors.keys.et_1024.public_spki_pem,
      etPrivate: vectors.keys.et_1024.private_pkcs8_pem,
      merchantPublic: vectors.keys.merchant_1024.public_spki_pem,
      merchantPrivate: vectors.keys.merchant_1024.private_pkcs1_pem, // PKCS#1 armour on purpose
    };
    for (const [name, pem] of Object.entries(keyFiles)) {
      files[name] = join(dir, `vector-${name}.pem`);
      writeFileSync(files[name]!, pem);
    }
    for (const name of [
      'sealed_response_plain',
      'sealed_response_encrypted',
      'sealed_response_encrypted_oaep_sha256',
      'tampered_response',
    ]) {
      files[name] = join(dir, `${name}.json`);
      writeFileSync(files[name]!, JSON.stringify(vectors[name].envelope));
    }
  });
  const doctor = (response: string) =>
    runMain([
      'doctor',
      '--response',
      files[response]!,
      '--et-public-key',
      files.etPublic!,
      '--merchant-private-key',
      files.merchantPrivate!,
    ]);

  it('open --explain prints exactly the vector string to sign', async () => {
    // The merchant opening a response vector with the vector keys.
    const openAsMerchant = (file: string, ...flags: string[]) =>
      runMain([
        'open',
        '--side',
        'merchant',
        '--private-key',
        files.merchantPrivate!,
        '--public-key',
        files.etPublic!,
        '--in',
        file,
        ...flags,
      ]);
    const opened = await openAsMerchant(files.sealed_response_plain!, '--explain');
    expect(opened.code).toBe(0);
    expect(opened.json().explain.canonicalString).toBe(vectors.sealed_response_plain.string_to_sign);
    const encrypted = await openAsMerchant(files.sealed_response_encrypted!);
    expect(encrypted.json().result.sensitive).toEqual(vectors.sealed_response_encrypted.sensitive);
  });

  it('open --side et opens the vector request', async () => {
    const opened = await runMain(
      ['open', '--side', 'et', '--private-key', files.etPrivate!, '--public-key', files.merchantPublic!],
      JSON.stringify(vectors.sealed_request.envelope),
    );
    expect(opened.code).toBe(0);
    expect(opened.json().result.sensitive).toEqual(vectors.sealed_request.sensitive);
  });

  it('doctor recovers PKCS#1 v1.5 and OAEP-SHA-256 key wraps, and cannot tell a plain response', async () => {
    expect((await doctor('sealed_response_encrypted')).json().profile).toEqual({
      keyWrap: 'rsa-pkcs1-v1_5',
      signatureHash: 'SHA-256',
      canonicalForm: 'keep-empty',
    });
    expect((await doctor('sealed_response_encrypted_oaep_sha256')).json().profile.keyWrap).toBe('rsa-oaep-sha256');
    const plain = (await doctor('sealed_response_plain')).json();
    expect(plain.profile.keyWrap).toBe(null);
    expect(plain.notes.join(' ')).toContain('no encrypted data');
    const tampered = await runMain([
      'doctor',
      '--response',
      files.tampered_response!,
      '--et-public-key',
      files.etPublic!,
      '--merchant-private-key',
      files.merchantPrivate!,
    ]);
    expect(tampered.code).toBe(1);
  });
});
