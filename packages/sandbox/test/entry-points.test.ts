import * as etkitCrypto from '@etkit/crypto';
import { generateKeyPair, openResponse, sealRequest } from '@etkit/crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Sandbox, type SandboxFault, sandboxServerTypes, sandboxStatusCodes } from '../src/index.js';
import { testSandbox } from './helpers/sandbox.js';

// Every reading of a body: the sandbox's own (crypto's readEnvelope), and crypto's when the sandbox hands
// openRequest the text instead of what it read (openRequest then parses the text again with its own reader).
const readings = vi.hoisted(() => ({ bodies: [] as string[] }));
vi.mock('@etkit/crypto', async (importOriginal) => {
  const original = await importOriginal<typeof etkitCrypto>();
  return {
    ...original,
    readEnvelope: (body: string) => {
      readings.bodies.push(body);
      return original.readEnvelope(body);
    },
    parseRawJsonObject: (...args: Parameters<typeof original.parseRawJsonObject>) => {
      readings.bodies.push(args[0]);
      return original.parseRawJsonObject(...args);
    },
    openRequest: (...args: Parameters<typeof original.openRequest>) => {
      if (typeof args[0] === 'string') readings.bodies.push(args[0]);
      return original.openRequest(...args);
    },
  };
});

type Entry = 'transport' | 'http' | 'handle';
const entries: readonly Entry[] = ['transport', 'http', 'handle'];

interface Answer {
  status: number;
  body: string;
}

const fixedTime = Date.UTC(2026, 10, 28, 2, 0, 0);
type PemKeys = Awaited<ReturnType<typeof generateKeyPair>>;
let keys: { et: PemKeys; merchant: PemKeys };
const open: Sandbox[] = [];

beforeAll(async () => {
  const [et, merchant] = await Promise.all([generateKeyPair(1024), generateKeyPair(1024)]);
  keys = { et, merchant };
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((sandbox) => sandbox.close()));
});

/** A sandbox whose answers depend only on the request: shared keys, one merchant, a clock that stands still. */
async function twinSandbox(faults?: SandboxFault): Promise<Sandbox> {
  const sandbox = await testSandbox({
    etKeyPair: keys.et,
    clock: { now: () => fixedTime },
    merchants: [
      {
        merchantNumber: 'ET82009',
        subMerchantNumbers: ['ET82009S001'],
        ...keys.merchant,
        salt: 'twin-salt',
        ...(faults ? { faults } : {}),
      },
    ],
  });
  open.push(sandbox);
  return sandbox;
}

async function rateRequest(): Promise<string> {
  const envelope = await sealRequest(
    {
      server_type: sandboxServerTypes.getRate,
      merchant_number: 'ET82009',
      sub_merchant_number: 'ET82009S001',
      data: { currency_code: 'GBP' },
    },
    { merchantPrivateKey: keys.merchant.privateKeyPem, etPublicKey: keys.et.publicKeyPem },
  );
  return JSON.stringify(envelope);
}

async function send(entry: Entry, sandbox: Sandbox, body: string, headers: Record<string, string> = {}) {
  switch (entry) {
    case 'transport': {
      const response = await sandbox.transport({ url: 'http://sandbox.invalid/server', method: 'POST', headers, body });
      return { status: response.status, body: response.body };
    }
    case 'http': {
      const url = sandbox.url.startsWith('http://127.0.0.1:') ? sandbox.url : await sandbox.listen(0);
      const response = await fetch(`${url}/server`, { method: 'POST', headers, body });
      return { status: response.status, body: await response.text() };
    }
    case 'handle':
      return { status: 200, body: await sandbox.handle(body) };
  }
}

/** Sends `body` through `entry` and counts how often the sandbox parsed it on the way. */
async function sendCounting(entry: Entry, sandbox: Sandbox, body: string): Promise<Answer & { parses: number }> {
  readings.bodies.length = 0;
  const jsonParse = vi.spyOn(JSON, 'parse');
  try {
    const answer = await send(entry, sandbox, body);
    const parses =
      readings.bodies.filter((read) => read === body).length +
      jsonParse.mock.calls.filter(([text]) => text === body).length;
    return { ...answer, parses };
  } finally {
    jsonParse.mockRestore();
  }
}

const opened = (body: string) =>
  openResponse(body, { etPublicKey: keys.et.publicKeyPem, merchantPrivateKey: keys.merchant.privateKeyPem });

/** How many bits two base64 signatures differ in. */
function differingBits(a: string, b: string): number {
  const x = etkitCrypto.base64Decode(a);
  const y = etkitCrypto.base64Decode(b);
  expect(x.length).toBe(y.length);
  let bits = 0;
  for (let i = 0; i < x.length; i++) for (let v = x[i]! ^ y[i]!; v; v &= v - 1) bits++;
  return bits;
}

describe('the transport, HTTP and handle are one serve(request)', () => {
  it('each entry point parses the body once, and all three answer the same bytes', async () => {
    const body = await rateRequest();
    const answers: Answer[] = [];
    for (const entry of entries) {
      const { parses, ...answer } = await sendCounting(entry, await twinSandbox(), body);
      expect(parses, entry).toBe(1);
      answers.push(answer);
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const response = await opened(answers[0]!.body);
    expect(response.verified).toBe(true);
    expect(response.statusCode).toBe(sandboxStatusCodes.success);
    expect(response.data).toEqual([
      { currency_code: 'GBP', pay_currency_code: 'RMB', rate: '9.1500', rate_time: '2026-11-28 10:00:00' },
    ]);
  });

  it('a body that is not JSON is parsed once too, and answered alike', async () => {
    const answers: Answer[] = [];
    for (const entry of entries) {
      const { parses, ...answer } = await sendCounting(entry, await twinSandbox(), '{"merchant_number":');
      expect(parses, entry).toBe(1);
      answers.push(answer);
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect((await opened(answers[0]!.body)).statusCode).toBe(sandboxStatusCodes.malformedRequest);
  });

  it('a standing wrongSignature fault is applied exactly once by each entry point', async () => {
    const body = await rateRequest();
    const clean = await send('handle', await twinSandbox(), body);
    const faulted: Answer[] = [];
    for (const entry of entries) faulted.push(await send(entry, await twinSandbox({ wrongSignature: true }), body));
    expect(faulted[1]).toEqual(faulted[0]);
    expect(faulted[2]).toEqual(faulted[0]);
    // Applied twice, the flipped bit would flip back and the signature verify again.
    const { sign: badSign, ...badRest } = JSON.parse(faulted[0]!.body) as Record<string, unknown>;
    const { sign: goodSign, ...goodRest } = JSON.parse(clean.body) as Record<string, unknown>;
    expect(badRest).toEqual(goodRest);
    expect(differingBits(String(badSign), String(goodSign))).toBe(1);
    await expect(opened(faulted[0]!.body)).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
  });

  for (const entry of ['transport', 'http'] as const) {
    it(`${entry}: a one-shot fault for two requests is used up by exactly two`, async () => {
      const sandbox = await twinSandbox();
      sandbox.injectFault({ httpStatus: 503 }, { count: 2 });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await send(entry, sandbox, await rateRequest())).status);
      expect(statuses).toEqual([503, 503, 200]);
    });
  }

  it('handle leaves one-shot faults queued for the transports', async () => {
    const sandbox = await twinSandbox();
    sandbox.injectFault({ httpStatus: 503 });
    const viaHandle = await opened((await send('handle', sandbox, await rateRequest())).body);
    expect(viaHandle.statusCode).toBe(sandboxStatusCodes.success);
    expect((await send('transport', sandbox, await rateRequest())).status).toBe(503);
  });

  it('HTTP: a request refused for a malformed fault header does not use up a queued fault', async () => {
    const sandbox = await twinSandbox();
    sandbox.injectFault({ httpStatus: 503 });
    const refused = await send('http', sandbox, await rateRequest(), { 'x-etkit-sandbox-fault': 'nope' });
    expect(refused.status).toBe(400);
    expect((await send('http', sandbox, await rateRequest())).status).toBe(503);
  });
});
