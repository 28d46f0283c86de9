import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signNotification } from '@etkit/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runMain } from './run-cli.js';

interface KeyPair {
  privateKeyFile: string;
  publicKeyFile: string;
}

let dir: string;
let merchant: KeyPair;
let et: KeyPair;
let stranger: KeyPair;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'etkit-cli-first-day-'));
  const generate = async (name: string): Promise<KeyPair> => {
    const result = await runMain(['keys', 'generate', '--bits', '1024', '--out', dir, '--name', name]);
    expect(result.code).toBe(0);
    return result.json();
  };
  [merchant, et, stranger] = [await generate('merchant'), await generate('et'), await generate('stranger')];
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('etkit --version', () => {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  it('prints the package version and exits 0 (the binary, in a child process)', { timeout: 30_000 }, async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
    expect(result.stderr).toBe('');
  });
  it('answers -v and `version` the same; the overview mentions it', async () => {
    for (const flag of ['-v', 'version']) expect((await runMain([flag])).stdout).toBe(`${version}\n`);
    expect((await runMain(['--help'])).stdout).toContain('--version');
  });
});

/** A response sealed as ET would (or as `signer` says), written to a file for the doctor. */
async function sealedResponse(name: string, signer: KeyPair, recipient: KeyPair): Promise<string> {
  const input = '{"data":[{"order_id":"ET1"}],"sensitive":[{"amount":"1.50"}],"return_info":""}';
  const sealed = await runMain(
    ['seal', '--side', 'et', '--private-key', signer.privateKeyFile, '--public-key', recipient.publicKeyFile],
    input,
  );
  expect(sealed.code).toBe(0);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, sealed.stdout);
  return file;
}

async function doctor(responseFile: string, etPublicKey: KeyPair, merchantPrivateKey: KeyPair) {
  return runMain([
    'doctor',
    '--response',
    responseFile,
    '--et-public-key',
    etPublicKey.publicKeyFile,
    '--merchant-private-key',
    merchantPrivateKey.privateKeyFile,
  ]);
}

describe('doctor --response: one message per distinct failure, and the likely cause', { timeout: 60_000 }, () => {
  it('a garbage file is one usage error (exit 2), not twelve MALFORMED_JSON', async () => {
    const file = join(dir, 'garbage.txt');
    writeFileSync(file, 'HTTP/1.1 200 OK\r\n\r\n<html>oops</html>');
    const result = await doctor(file, et, merchant);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.match(/MALFORMED_JSON/g)).toHaveLength(1);
    expect(result.stderr).toContain('not a JSON object');
  });

  it("ET's key from another account: one SIGNATURE_INVALID line for all 12 variants, hint: wrong key", async () => {
    const file = await sealedResponse('from-et', et, merchant);
    const result = await doctor(file, stranger, merchant);
    expect(result.code).toBe(1);
    const output = result.json();
    expect(output.ok).toBe(false);
    expect(output.failures).toEqual([{ outcome: 'SIGNATURE_INVALID', variants: 12 }]);
    expect(output.attempts).toBeUndefined();
    expect(output.hint).toMatch(/^Wrong key/);
    expect(output.hint).toContain('--et-public-key');
    expect(result.stdout.match(/SIGNATURE_INVALID/g)).toHaveLength(1);
  });

  it("the merchant's own public key given as ET's: the hint says so", async () => {
    const file = await sealedResponse('from-et-2', et, merchant);
    const output = (await doctor(file, merchant, merchant)).json();
    expect(output.hint).toContain("--et-public-key is the merchant's own public key");
  });

  it('a request instead of a response: hint says wrong side', async () => {
    const request = await runMain(
      ['seal', '--side', 'merchant', '--private-key', merchant.privateKeyFile, '--public-key', et.publicKeyFile],
      '{"server_type":"get_rate","merchant_number":"ET82009","sub_merchant_number":"ET82009S001","data":{"currency_code":"GBP"}}',
    );
    const file = join(dir, 'request.json');
    writeFileSync(file, request.stdout);
    const result = await doctor(file, et, merchant);
    expect(result.code).toBe(1);
    expect(result.json().hint).toMatch(/^Wrong side: .*request/);
  });

  it("a body signed with the merchant's key (sealed the other way): hint says wrong side", async () => {
    const file = await sealedResponse('sealed-by-merchant', merchant, et);
    const output = (await doctor(file, et, merchant)).json();
    expect(output.failures).toEqual([{ outcome: 'SIGNATURE_INVALID', variants: 12 }]);
    expect(output.hint).toMatch(/^Wrong side: the body is signed with the merchant's key/);
  });

  it('encrypted for another merchant key: signature fine, key wrap not; the hint names the registered key', async () => {
    const file = await sealedResponse('for-stranger', et, stranger);
    const output = (await doctor(file, et, merchant)).json();
    expect(output.ok).toBe(false);
    // each distinct outcome once, their counts adding up to the 12 variants
    const outcomes = output.failures.map((f: { outcome: string }) => f.outcome);
    expect(new Set(outcomes).size).toBe(outcomes.length);
    expect(output.failures.reduce((n: number, f: { variants: number }) => n + f.variants, 0)).toBe(12);
    expect(outcomes).toContain('DECRYPT_FAILED');
    expect(output.hint).toContain('registered with ET');
  });

  it('a working response still lists every variant', async () => {
    const file = await sealedResponse('good', et, merchant);
    const output = (await doctor(file, et, merchant)).json();
    expect(output.ok).toBe(true);
    expect(output.attempts).toHaveLength(12);
    expect(output.hint).toBeUndefined();
  });
});

describe('sandbox serve on a busy port', { timeout: 30_000 }, () => {
  let busy: Server;
  let port: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    port = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  it('fails with a friendly message (exit 1) before writing keys, config or the data directory', async () => {
    const data = join(dir, 'sandbox-never-created');
    const result = await runCli(['sandbox', 'serve', '--port', String(port), '--key-bits', '1024', '--data', data]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`port ${port} is already in use`);
    expect(result.stderr).toContain('--port');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stdout).toBe('');
    expect(existsSync(data)).toBe(false);
  });
});

describe("notify verify answers with @etkit/notify's error codes", () => {
  const salt = 's4lt';
  const fields = { order_id: 'ET1', pay_result: '1', pay_amount: '10000.00' };
  it('SIGN_MISSING, MALFORMED, SIGNATURE_INVALID, AMBIGUOUS-free genuine body', async () => {
    const unsigned = await runMain(['notify', 'verify', '--salt', salt], JSON.stringify(fields));
    expect(unsigned.code).toBe(1);
    expect(unsigned.json().error.code).toBe('SIGN_MISSING');

    const garbage = await runMain(['notify', 'verify', '--salt', salt], '{"order_id":');
    expect(garbage.code).toBe(1);
    expect(garbage.json().error.code).toBe('MALFORMED');

    const sign = signNotification(fields, salt);
    const wrong = await runMain(['notify', 'verify', '--salt', 'other'], JSON.stringify({ ...fields, sign }));
    expect(wrong.json().error.code).toBe('SIGNATURE_INVALID');
    const genuine = await runMain(['notify', 'verify', '--salt', salt], JSON.stringify({ ...fields, sign }));
    expect(genuine.code).toBe(0);
  });
  it('the README names exactly these codes', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).not.toMatch(/SIGNATURE_MISSING|BAD_NOTIFICATION/);
    for (const code of ['SIGN_MISSING', 'SIGNATURE_INVALID', 'MALFORMED', 'AMBIGUOUS']) expect(readme).toContain(code);
  });
});

describe('open: input that is not a JSON object exits 2, as the README promises', () => {
  for (const input of ['not json', '[1,2]', '"text"']) {
    it(JSON.stringify(input), async () => {
      for (const side of ['merchant', 'et']) {
        const result = await runMain(
          ['open', '--side', side, '--private-key', merchant.privateKeyFile, '--public-key', et.publicKeyFile],
          input,
        );
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('not a JSON object');
      }
    });
  }
  it('the README exit-code table says 2 for it', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toMatch(/\| 2 +\| usage error:[^\n]*input that is not a JSON object/);
  });
});
