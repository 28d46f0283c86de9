import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cliCommand, runMain } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'etkit-profile-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('etkit sandbox serve --profile FILE, found again by etkit doctor --probe', { timeout: 60_000 }, () => {
  it('serves as an ET account with that profile: the probe finds it and writes the same file back', async () => {
    const profileFile = join(dir, 'account.json');
    const account = { signatureHash: 'SHA-1', canonicalForm: 'drop-empty', keyWrap: 'rsa-oaep-sha256' };
    writeFileSync(profileFile, JSON.stringify(account));
    const dataDir = join(dir, 'sandbox-data');
    const child = spawn(
      process.execPath,
      [
        ...cliCommand(),
        ...['sandbox', 'serve', '--port', '0', '--key-bits', '1024', '--data', dataDir, '--profile', profileFile],
      ],
      { cwd: fileURLToPath(new URL('..', import.meta.url)) },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      const info = await new Promise<{
        apiUrl: string;
        profile: unknown;
        merchants: Array<{ merchantNumber: string; subMerchantNumbers: string[]; privateKeyFile: string }>;
      }>((resolve, reject) => {
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
      expect(info.profile).toEqual(account);
      const merchant = info.merchants[0]!;
      const out = join(dir, 'found.json');
      const probe = await runMain([
        'doctor',
        '--probe',
        '--environment',
        info.apiUrl,
        '--merchant-number',
        merchant.merchantNumber,
        '--sub-merchant-number',
        merchant.subMerchantNumbers[0]!,
        '--merchant-private-key',
        merchant.privateKeyFile,
        '--et-public-key',
        join(dataDir, 'keys', 'et-public.pem'),
        '--out',
        out,
      ]);
      expect(probe.code, probe.stderr).toBe(0);
      expect(probe.json().profile).toEqual(account);
      expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(account);
      // A file that is not a profile is a usage error, before anything starts.
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ signatureHash: 'SHA-512' }));
      const refused = await runMain(['sandbox', 'serve', '--port', '0', '--profile', bad]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/profile file .*signatureHash/);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});

describe('etkit notify sign / verify --profile FILE', () => {
  it('takes notificationRule and notificationNullMembers from the file; a flag wins over it', async () => {
    const file = join(dir, 'notify-profile.json');
    writeFileSync(
      file,
      JSON.stringify({ signatureHash: 'SHA-256', notificationRule: 'v1', notificationNullMembers: 'empty' }),
    );
    const body = '{"order_id":"ET1","pay_result":"1","pay_amount":10000.00,"extend_info":null}';
    const signed = await runMain(['notify', 'sign', '--salt', 's', '--profile', file], body);
    expect(signed.code, signed.stderr).toBe(0);
    const signedBody = signed.json().body as string;
    expect((await runMain(['notify', 'verify', '--salt', 's', '--profile', file], signedBody)).code).toBe(0);
    expect(
      (await runMain(['notify', 'verify', '--salt', 's', '--rule', 'v1', '--null-members', 'empty'], signedBody)).code,
    ).toBe(0);
    // The defaults (v2, omit) do not verify what the file's options signed; a flag overrides the file.
    expect((await runMain(['notify', 'verify', '--salt', 's'], signedBody)).code).toBe(1);
    expect(
      (await runMain(['notify', 'verify', '--salt', 's', '--profile', file, '--rule', 'v2'], signedBody)).code,
    ).toBe(1);
    const bad = join(dir, 'not-json.json');
    writeFileSync(bad, 'keyWrap=oaep');
    expect((await runMain(['notify', 'verify', '--salt', 's', '--profile', bad], signedBody)).code).toBe(2);
  });
});
