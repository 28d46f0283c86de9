import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ProtocolProfile, parseRawJsonObject, sealResponse } from '@etkit/crypto';
import { createNotificationVerifier } from '@etkit/notify';
import { type Sandbox, sandboxStatusCodes } from '@etkit/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveEnvironment } from '../src/probe/environment.js';
import { maxProbeRequests, runProbe } from '../src/probe/probe.js';
import {
  accountSandbox,
  allVariants,
  importedKeys,
  label,
  type ProbeKeys,
  probeKeys,
  recordingSend,
  removeProbeKeys,
} from './probe-support.js';
import { runMain } from './run-cli.js';

let keys: ProbeKeys;
beforeAll(async () => {
  keys = await probeKeys();
});
afterAll(removeProbeKeys);

const open: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  vi.restoreAllMocks();
});
async function sandboxFor(profile: Partial<ProtocolProfile>): Promise<Sandbox> {
  const sandbox = await accountSandbox(keys, profile);
  open.push(sandbox);
  return sandbox;
}

const probeWith = async (send: ReturnType<typeof recordingSend>['send'], merchantNumber = 'ET90003') =>
  runProbe({
    url: 'http://sandbox.invalid/server',
    merchantNumber,
    subMerchantNumber: `${merchantNumber}S001`,
    ...(await importedKeys(keys)),
    timeoutMs: 5_000,
    send,
  });

describe('the probe against a strict sandbox', { timeout: 60_000 }, () => {
  it('finds every one of the 12 request-side variants, with read-only get_rate requests only, one at a time', async () => {
    for (const variant of allVariants) {
      const sandbox = await sandboxFor(variant);
      const recorder = recordingSend((body) => sandbox.handle(body));
      const result = await probeWith(recorder.send);
      expect(result.ok, label(variant)).toBe(true);
      expect(result.profile, label(variant)).toEqual(variant);
      expect(result.undetermined.map((u) => u.option)).not.toContain('signatureHash');
      expect(result.undetermined.map((u) => u.option)).not.toContain('keyWrap');
      // Courtesy: well under the cap, sequential, nothing but get_rate, and nothing was created.
      expect(recorder.bodies.length).toBeLessThanOrEqual(7);
      expect(recorder.maxInFlight()).toBe(1);
      for (const body of recorder.bodies) expect(parseRawJsonObject(body).server_type?.text).toBe('get_rate');
      expect(sandbox.orders.list()).toEqual([]);
      expect(result.attempts.map((a) => a.request)).toEqual(recorder.bodies.map((_, i) => i + 1));
    }
  });

  it('decides from requests alone when ET answers cannot be verified (a wrong ET public key on file)', async () => {
    const sandbox = await sandboxFor({ signatureHash: 'SHA-1', canonicalForm: 'keep-empty' });
    const recorder = recordingSend((body) => sandbox.handle(body));
    const strangerEt = await probeKeys();
    const result = await runProbe({
      url: 'http://sandbox.invalid/server',
      merchantNumber: 'ET90003',
      subMerchantNumber: 'ET90003S001',
      ...(await importedKeys({ ...keys, et: strangerEt.et })),
      timeoutMs: 5_000,
      send: recorder.send,
    });
    expect(result.ok).toBe(true);
    expect(result.profile).toEqual({ signatureHash: 'SHA-1', canonicalForm: 'keep-empty' });
    expect(result.evidence).toEqual({ signatureHash: 'request', canonicalForm: 'request' });
    expect(result.attempts.every((a) => a.responseSignature === 'not-verified')).toBe(true);
    // The AES key went to the wrong ET key: no wrap gets through, and the probe says so instead of guessing.
    expect(result.undetermined.find((u) => u.option === 'keyWrap')?.reason).toMatch(/every key wrap/);
  });

  it('finds the variant that is refused differently from the rest when none is accepted', async () => {
    const account = { signatureHash: 'SHA-1', canonicalForm: 'drop-empty', keyWrap: 'rsa-oaep-sha1' } as const;
    const sandbox = await sandboxFor(account);
    // A server whose get_rate needs a field the probe does not send: the right variant gets a business error.
    const picky = recordingSend(async (body) => {
      const answer = await sandbox.handle(body);
      if (parseRawJsonObject(answer).status_code?.text !== sandboxStatusCodes.success) return answer;
      const refusal = await sealResponse(
        { status_code: 'X-NEEDS-CURRENCY', message: 'currency_code is required' },
        { etPrivateKey: keys.et.privateKeyPem, merchantPublicKey: keys.merchant.publicKeyPem, profile: account },
      );
      return JSON.stringify(refusal);
    });
    const result = await probeWith(picky.send);
    expect(result.ok).toBe(false);
    expect(result.profile).toEqual(account);
    expect(result.evidence.keyWrap).toBe('request');
    expect(result.attempts.every((a) => a.answer === 'refused')).toBe(true);
  });

  it('says so when the server cannot tell the variants apart (an unknown merchant), and finds nothing', async () => {
    const sandbox = await sandboxFor({});
    const recorder = recordingSend((body) => sandbox.handle(body));
    const result = await probeWith(recorder.send, 'ET99999');
    expect(result.ok).toBe(false);
    expect(result.profile).toEqual({});
    expect(recorder.bodies.length).toBe(4);
    const reason = result.undetermined.find((u) => u.option === 'signatureHash')!.reason;
    expect(reason).toMatch(/no request was accepted/);
    expect(result.attempts.every((a) => a.statusCode === sandboxStatusCodes.unknownMerchant)).toBe(true);
  });

  it('a server that accepts every variant and signs nothing: accepted, and undetermined rather than guessed', async () => {
    const lenient = recordingSend(async () =>
      JSON.stringify({ status_code: '000000', message: 'SUCCESS', count: 0, data: '[]', sign: '' }),
    );
    const result = await probeWith(lenient.send);
    expect(result.ok).toBe(true);
    expect(result.profile).toEqual({});
    expect(lenient.bodies.length).toBe(4 + 3);
    const reasons = Object.fromEntries(result.undetermined.map((u) => [u.option, u.reason]));
    expect(reasons.signatureHash).toMatch(/accepted requests with every signature hash alike/);
    expect(reasons.canonicalForm).toMatch(/accepted requests with every canonical form alike/);
    expect(reasons.keyWrap).toMatch(/answered the same with every key wrap/);
  });

  it('a server whose every answer differs (not an envelope): four requests, nothing decided, nothing guessed', async () => {
    let n = 0;
    const result = await probeWith(async () => {
      n += 1;
      return { kind: 'answer', httpStatus: 500, body: `error ${n}` };
    });
    expect(result.ok).toBe(false);
    expect(n).toBe(4);
    expect(n).toBeLessThanOrEqual(maxProbeRequests);
    expect(result.profile).toEqual({});
    expect(result.attempts.every((a) => a.responseSignature === 'not-an-envelope' && a.statusCode === null)).toBe(true);
  });
});

describe('etkit doctor --probe', { timeout: 60_000 }, () => {
  const baseArgs = (environment: string) => [
    'doctor',
    '--probe',
    '--environment',
    environment,
    '--merchant-number',
    'ET90003',
    '--sub-merchant-number',
    'ET90003S001',
    '--merchant-private-key',
    keys.files.merchantPrivateKey,
    '--et-public-key',
    keys.files.etPublicKey,
  ];

  it('over HTTP: prints the profile, writes it with --out, and every reader takes the file as it is', async () => {
    const account = { signatureHash: 'SHA-256', canonicalForm: 'drop-empty', keyWrap: 'rsa-oaep-sha256' } as const;
    const sandbox = await sandboxFor(account);
    const url = await sandbox.listen(0);
    const out = join(keys.dir, 'et-profile.json');
    const reportBase = join(keys.dir, 'et-report');
    const result = await runMain([...baseArgs(`${url}/server`), '--out', out, '--report', `${reportBase}.md`]);
    expect(result.code, result.stderr).toBe(0);
    const printed = result.json();
    expect(printed).toMatchObject({ ok: true, profile: account, profileFile: out });
    expect(printed.attempts.length).toBe(printed.requests);
    expect(Object.keys(printed).sort()).toEqual(
      ['attempts', 'evidence', 'ok', 'profile', 'profileFile', 'report', 'requests', 'undetermined'].sort(),
    );
    expect(printed.report).toEqual({ markdown: `${reportBase}.md`, json: `${reportBase}.json` });
    const markdown = readFileSync(`${reportBase}.md`, 'utf8');
    expect(markdown).toContain(`profile found: \`${JSON.stringify(account)}\``);
    expect(JSON.parse(readFileSync(`${reportBase}.json`, 'utf8')).probe.attempts).toHaveLength(printed.requests);
    expect(markdown).not.toContain('ET90003');
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file).toEqual(account);

    // The CLI's --profile FILE: a request sealed with it is accepted by the account.
    const sealed = await runMain(
      [
        'seal',
        '--side',
        'merchant',
        '--private-key',
        keys.files.merchantPrivateKey,
        '--public-key',
        keys.files.etPublicKey,
        '--profile',
        out,
      ],
      JSON.stringify({
        server_type: 'get_rate',
        merchant_number: 'ET90003',
        sub_merchant_number: 'ET90003S001',
        data: { currency_code: 'GBP' },
        sensitive: {},
      }),
    );
    expect(sealed.code, sealed.stderr).toBe(0);
    const answer = parseRawJsonObject(await sandbox.handle(sealed.stdout));
    expect(answer.status_code?.text).toBe(sandboxStatusCodes.success);
    // A flag still wins over the file.
    const overridden = await runMain(
      [
        'seal',
        '--side',
        'merchant',
        '--private-key',
        keys.files.merchantPrivateKey,
        '--public-key',
        keys.files.etPublicKey,
      ].concat(['--profile', out, '--signature-hash', 'SHA-1']),
      JSON.stringify({ server_type: 'get_rate', merchant_number: 'ET90003', sub_merchant_number: 'ET90003S001' }),
    );
    expect(parseRawJsonObject(await sandbox.handle(overridden.stdout)).status_code?.text).toBe(
      sandboxStatusCodes.signatureInvalid,
    );
    // @etkit/notify and the sandbox read the same file as it is.
    expect(() => createNotificationVerifier({ salt: 'probe-salt', profile: file })).not.toThrow();
    const again = await accountSandbox(keys, file);
    open.push(again);
    const replay = await runMain(
      [
        'seal',
        '--side',
        'merchant',
        '--private-key',
        keys.files.merchantPrivateKey,
        '--public-key',
        keys.files.etPublicKey,
      ].concat(['--profile', out]),
      JSON.stringify({
        server_type: 'get_rate',
        merchant_number: 'ET90003',
        sub_merchant_number: 'ET90003S001',
        sensitive: {},
      }),
    );
    expect(parseRawJsonObject(await again.handle(replay.stdout)).status_code?.text).toBe(sandboxStatusCodes.success);
  });

  it('a timeout is reported as a timeout, not as "no variant works"', async () => {
    const sandbox = await sandboxFor({});
    const url = await sandbox.listen(0);
    sandbox.injectFault({ delayMs: 3_000 }, { count: 1 });
    const result = await runMain([...baseArgs(`${url}/server`), '--timeout-ms', '200']);
    expect(result.code).toBe(1);
    const printed = result.json();
    expect(printed.ok).toBe(false);
    expect(printed.stopped).toMatchObject({ request: 1, reason: 'timeout' });
    expect(printed.attempts).toHaveLength(1);
    expect(printed.attempts[0].answer).toBe('timeout');
    for (const entry of printed.undetermined.filter((u: { option: string }) =>
      ['signatureHash', 'canonicalForm', 'keyWrap'].includes(u.option),
    )) {
      expect(entry.reason).toMatch(/timed out .*says nothing about the profile/);
    }
  });

  it('a refused connection is reported as such', async () => {
    const sandbox = await sandboxFor({});
    const url = await sandbox.listen(0);
    await sandbox.close();
    open.pop();
    const result = await runMain(baseArgs(`${url}/server`));
    expect(result.code).toBe(1);
    expect(result.json().stopped).toMatchObject({ request: 1, reason: 'connection-refused' });
    expect(result.json().attempts).toEqual([expect.objectContaining({ answer: 'connection-refused' })]);
  });

  it('refuses the production endpoint unless --allow-production, and sends nothing', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    for (const environment of [
      'https://api.easytransfer.cn/server',
      'production',
      'https://api.easytransfer.cn/other',
    ]) {
      const result = await runMain(baseArgs(environment));
      expect(result.code, environment).toBe(2);
      expect(result.stderr).toMatch(/production/);
      expect(result.stdout).toBe('');
    }
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(resolveEnvironment('production', true)).toEqual({
      url: 'https://api.easytransfer.cn/server',
      kind: 'production',
    });
    expect(resolveEnvironment('test', false).kind).toBe('test');
  });

  it('usage errors exit 2: a missing flag, an unreadable key, a flag of the other mode', async () => {
    const missing = await runMain(['doctor', '--probe', '--environment', 'http://127.0.0.1:9/server']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--merchant-number is required/);
    const badKey = await runMain([...baseArgs('http://127.0.0.1:9/server').slice(0, -1), join(keys.dir, 'nope.pem')]);
    expect(badKey.code).toBe(2);
    expect((await runMain([...baseArgs('http://127.0.0.1:9/server'), '--response', 'x.json'])).code).toBe(2);
    expect((await runMain(['doctor', '--out', 'x.json', '--response', 'x.json'])).code).toBe(2);
  });

  it('--help documents the probe, its limits and its exit codes', async () => {
    const help = await runMain(['doctor', '--help']);
    expect(help.code).toBe(0);
    for (const text of [
      '--probe',
      'get_rate',
      'At most 24 requests',
      '--allow-production',
      '--out FILE',
      '--report PATH',
      'Exit 0',
    ]) {
      expect(help.stdout).toContain(text);
    }
  });
});
