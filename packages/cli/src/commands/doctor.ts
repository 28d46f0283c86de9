import {
  importPrivateKey,
  importPublicKey,
  isEtkitCryptoError,
  openResponse,
  type RsaPrivateKey,
  type RsaPublicKey,
} from '@etkit/crypto';
import type { Command } from '../command.js';
import { failureHint, groupFailures, type KeyFiles } from '../doctor/failure-summary.js';
import { CheckFailed, type CliIo, printJson, readTextFile, requireOption, UsageError } from '../io.js';
import { resolveEnvironment } from '../probe/environment.js';
import { maxProbeRequests, runProbe } from '../probe/probe.js';
import { readResponseVariants } from '../probe/response-variants.js';
import { sendEnvelope } from '../probe/send.js';
import { writeProfileFile } from '../profile-file.js';
import { buildReport, type CapturedEnvelope, type ReportInput, valuesIn } from '../report/report.js';
import { writeReport } from '../report/write-report.js';

const help = `etkit doctor — find the protocol profile your EasyTransfer account uses

Live probe (first contact with a test account):
  etkit doctor --probe --environment test|URL --merchant-number N --sub-merchant-number S
               --merchant-private-key FILE --et-public-key FILE [--out FILE] [--report PATH]
               [--timeout-ms 15000] [--allow-production]

  Sends get_rate — read-only; never create, upload, refund or pay — one request-side variant after another,
  sequentially: signature hash × canonical form without an encrypted part, then each key wrap with an encrypted
  empty object. At most ${maxProbeRequests} requests; it stops as soon as the answers decide. It decides from what
  differs between variants (accepted against refused, or one variant refused differently from the rest) and from
  ET's signature on each answer; it does not assume ET's error codes.
  Prints {"ok", "profile", "undetermined", "attempts", "evidence"}: "profile" holds every option it could
  determine, "undetermined" names the others and why, "attempts" says what each answer was (HTTP status,
  status_code, message; never keys, salts, ciphertexts, signatures or personal data).
  Exit 0 when a variant was accepted, 1 when none was — or when the server did not answer: a timeout or a
  refused connection is reported as such ("stopped"), not as "no variant works" — and 2 on a usage error.
  --out FILE            write the profile found (only when a variant was accepted) as JSON, the form every
                        etkit package reads as it is: createClient({ profile }), @etkit/notify's profile option,
                        --profile FILE of seal/open/notify/sandbox serve, ET_PROFILE_FILE of the sample apps
  --environment         test (https://testapi.easytransfer.cn/server) or the URL of a server (e.g. a sandbox)
  --allow-production    the production endpoint (https://api.easytransfer.cn/server) is refused without it,
                        and nothing is sent
  --timeout-ms          time budget of each request (default 15000)

Captured response:
  etkit doctor --response FILE --et-public-key FILE --merchant-private-key FILE [--report PATH]

  Tries every profile variant (key wrap × signature hash × canonical form) on one response body and prints the
  profile that verifies and decrypts, with the outcome of each variant. Exit 1 when none works: the result then
  lists each distinct failure once ("failures": outcome and how many variants met it) and a "hint" at the likely
  cause (wrong key, wrong side, a body changed after signing). Exit 2 when the file is not a JSON object. A
  response without "aeskey" cannot tell the key wrap apart: the result then says keyWrap: null.

Shareable report:
  --report PATH         also write PATH.md and PATH.json, for a public issue tracker: variants tried and each
                        answer, status codes and messages, field names and the shape of values (length,
                        character classes, JSON type), key sizes. No key material, salts, signatures,
                        ciphertexts, serial numbers or personal data. With --probe, or on captured files:
  etkit doctor --report PATH [--request FILE] [--response FILE] [--et-public-key FILE --merchant-private-key FILE]`;

async function readKeyFiles(values: Record<string, unknown>): Promise<KeyFiles> {
  return {
    etPublicKeyPem: await readTextFile(
      requireOption(values['et-public-key'] as string | undefined, '--et-public-key'),
      'ET public key',
    ),
    merchantPrivateKeyPem: await readTextFile(
      requireOption(values['merchant-private-key'] as string | undefined, '--merchant-private-key'),
      'merchant private key',
    ),
  };
}

async function importKeys(files: KeyFiles): Promise<{ etPublicKey: RsaPublicKey; merchantPrivateKey: RsaPrivateKey }> {
  try {
    return {
      etPublicKey: await importPublicKey(files.etPublicKeyPem),
      merchantPrivateKey: await importPrivateKey(files.merchantPrivateKeyPem),
    };
  } catch (error) {
    if (isEtkitCryptoError(error)) throw new UsageError(`${error.code}: ${error.message}`);
    throw error;
  }
}

function timeoutOf(value: unknown): number {
  if (value === undefined) return 15_000;
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value) || Number(value) < 1) {
    throw new UsageError('--timeout-ms must be a whole number of milliseconds (1-999999)');
  }
  return Number(value);
}

async function probe(values: Record<string, unknown>, io: CliIo): Promise<number> {
  for (const flag of ['response', 'request'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--probe sends its own requests: drop --${flag}`);
  }
  // Before anything is read or sent: the production endpoint needs an explicit yes.
  const environment = resolveEnvironment(
    requireOption(values.environment as string | undefined, '--environment'),
    values['allow-production'] === true,
  );
  const merchantNumber = requireOption(values['merchant-number'] as string | undefined, '--merchant-number');
  const subMerchantNumber = requireOption(values['sub-merchant-number'] as string | undefined, '--sub-merchant-number');
  const timeoutMs = timeoutOf(values['timeout-ms']);
  const keys = await importKeys(await readKeyFiles(values));
  let result: Awaited<ReturnType<typeof runProbe>>;
  try {
    result = await runProbe({
      url: environment.url,
      merchantNumber,
      subMerchantNumber,
      ...keys,
      timeoutMs,
      send: sendEnvelope,
    });
  } catch (error) {
    // A merchant number the envelope cannot carry (e.g. with "&") is the caller's mistake.
    if (isEtkitCryptoError(error) && error.code === 'INVALID_ARGUMENT')
      throw new UsageError(`${error.code}: ${error.message}`);
    throw error;
  }
  const { observations, ...printed } = result;
  const output: Record<string, unknown> = { ...printed, requests: result.attempts.length };
  const outFile = values.out as string | undefined;
  if (outFile !== undefined) {
    if (result.ok) await writeProfileFile(outFile, result.profile);
    output.profileFile = result.ok ? outFile : null;
  }
  const reportPath = values.report as string | undefined;
  if (reportPath !== undefined) {
    output.report = await writeReport(
      reportPath,
      buildReport({
        source: 'probe',
        environment: environment.kind,
        keyBits: { merchantPrivateKey: keys.merchantPrivateKey.bits, etPublicKey: keys.etPublicKey.bits },
        probe: result,
        knownValues: [merchantNumber, subMerchantNumber],
      }),
    );
  }
  if (!result.ok) throw new CheckFailed(output);
  printJson(io, output);
  return 0;
}

/** The response-side doctor on one captured body. */
async function responseDoctor(
  body: string,
  keys: { etPublicKey: RsaPublicKey; merchantPrivateKey: RsaPrivateKey },
  files: KeyFiles,
) {
  if (!isJsonObject(body)) {
    // Every variant would fail the same way: one usage error says it once (exit 2, as for seal and open).
    throw new UsageError(
      'MALFORMED_JSON: the response file is not a JSON object. Pass the HTTP body of an answer from ET as it was ' +
        'sent (not headers, a log line or a re-encoded copy).',
    );
  }
  const reading = await readResponseVariants(body, keys);
  const { working, aeskeyPresent } = reading;
  let encrypted = false;
  let opened: CapturedEnvelope['opened'];
  const first = working[0];
  if (first) {
    const result = await openResponse(body, { ...keys, profile: { ...first, unsignedResponses: 'reject' } });
    encrypted = Array.isArray(result.sensitive) ? result.sensitive.length > 0 : result.sensitive !== undefined;
    opened = { data: result.data, sensitive: result.sensitive };
  }
  const keyWrapsThatWork = [...new Set(working.map((v) => v.keyWrap))];
  const profile = first
    ? {
        keyWrap: aeskeyPresent && keyWrapsThatWork.length === 1 ? first.keyWrap : null,
        signatureHash: first.signatureHash,
        canonicalForm: new Set(working.map((v) => v.canonicalForm)).size === 1 ? first.canonicalForm : null,
      }
    : null;
  const notes: string[] = [];
  if (profile && profile.keyWrap === null)
    notes.push('the response carries no encrypted data, so any key wrap opens it');
  if (profile && profile.canonicalForm === null) {
    notes.push('the response has no empty fields, so both canonical forms give the same string');
  }
  const common = { profile, encrypted: encrypted || aeskeyPresent, notes };
  if (working.length === 0) {
    // Twelve variants failing alike are one failure: print each distinct outcome once, and the likely cause.
    const failures = groupFailures(reading.attempts);
    const hint = await failureHint(body, failures, keys, files);
    return { result: { ok: false, ...common, failures, hint }, opened, attempts: reading.attempts };
  }
  return { result: { ok: true, ...common, attempts: reading.attempts }, opened, attempts: reading.attempts };
}

async function captured(values: Record<string, unknown>, io: CliIo): Promise<number> {
  const responseFile = values.response as string | undefined;
  const requestFile = values.request as string | undefined;
  const reportPath = values.report as string | undefined;
  if (requestFile !== undefined && reportPath === undefined)
    throw new UsageError('--request is read only for --report');
  if (responseFile === undefined && (reportPath === undefined || requestFile === undefined)) {
    throw new UsageError('pass --probe, --response FILE, or --report PATH with --request/--response files');
  }
  const haveKeys = values['et-public-key'] !== undefined || values['merchant-private-key'] !== undefined;
  // The doctor proper needs the keys; a report on captured files can do without (shapes only).
  const files = haveKeys || reportPath === undefined ? await readKeyFiles(values) : undefined;
  const keys = files ? await importKeys(files) : undefined;
  const responseBody = responseFile === undefined ? undefined : await readTextFile(responseFile, 'response');
  const requestBody = requestFile === undefined ? undefined : await readTextFile(requestFile, 'request');
  const doctor =
    responseBody !== undefined && keys && files ? await responseDoctor(responseBody, keys, files) : undefined;

  const output: Record<string, unknown> = doctor ? { ...doctor.result } : { ok: true };
  if (reportPath !== undefined) {
    const input: ReportInput = {
      source: 'captured',
      keyBits: { merchantPrivateKey: keys?.merchantPrivateKey.bits, etPublicKey: keys?.etPublicKey.bits },
      ...(requestBody !== undefined ? { request: { body: requestBody } } : {}),
      ...(responseBody !== undefined
        ? { response: { body: responseBody, ...(doctor?.opened ? { opened: doctor.opened } : {}) } }
        : {}),
      ...(doctor ? { doctor: { profile: doctor.result.profile, attempts: doctor.attempts } } : {}),
      // Whatever the files or the decrypted parts hold must not come back inside a server message.
      knownValues: [
        ...valuesIn(tryParse(requestBody)),
        ...valuesIn(tryParse(responseBody)),
        ...valuesIn(doctor?.opened),
      ],
    };
    output.report = await writeReport(reportPath, buildReport(input));
  }
  if (doctor && !doctor.result.ok) throw new CheckFailed(output);
  printJson(io, output);
  return 0;
}

function isJsonObject(text: string): boolean {
  const value = tryParse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tryParse(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const doctor: Command = {
  path: ['doctor'],
  summary: 'find the protocol profile of an ET account: live probe, captured response, shareable report',
  help,
  options: {
    probe: { type: 'boolean' },
    environment: { type: 'string' },
    'merchant-number': { type: 'string' },
    'sub-merchant-number': { type: 'string' },
    out: { type: 'string' },
    'allow-production': { type: 'boolean' },
    'timeout-ms': { type: 'string' },
    report: { type: 'string' },
    request: { type: 'string' },
    response: { type: 'string' },
    'et-public-key': { type: 'string' },
    'merchant-private-key': { type: 'string' },
  },
  async run(values, io) {
    if (values.probe === true) return probe(values, io);
    for (const flag of [
      'environment',
      'merchant-number',
      'sub-merchant-number',
      'out',
      'allow-production',
      'timeout-ms',
    ]) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} belongs to --probe`);
    }
    return captured(values, io);
  },
};
