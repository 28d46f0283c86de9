import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, fetchTransport, isEtkitClientError } from '../src/index.js';
import { type FakeEt, startFakeEt } from './helpers/fake-et.js';
import { clientKeys, merchant } from './helpers/keys.js';

// PROTOCOL.md §4: the SDK generates serial numbers in the provider's form and lets callers pass their own [choice].
describe('caller-supplied serial numbers', () => {
  let et: FakeEt;
  beforeAll(async () => {
    et = await startFakeEt();
  });
  afterAll(() => et.close());

  const client = (serialNumber: (merchantNumber: string) => string) =>
    createClient({
      environment: et.url,
      ...merchant,
      keys: clientKeys,
      transport: fetchTransport(),
      retry: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
      serialNumber,
    });

  it('sends the number the caller makes, one per attempt', async () => {
    let next = 0;
    const seen: string[] = [];
    et.setHandler((_request, index) =>
      index === 0
        ? { kind: 'http', status: 503 }
        : { kind: 'sealed', data: [{ pay_url: 'https://pay.example.test/p/1' }] },
    );
    const before = et.received.length;
    const result = await client((merchantNumber) => {
      seen.push(merchantNumber);
      next += 1;
      return `MY-${merchantNumber}-${next}`;
    }).getPaymentUrl({ order_id: 'ET1' });
    expect(seen).toEqual(['ET82009', 'ET82009']);
    expect(et.received.slice(before).map((request) => request.serialNumber)).toEqual(['MY-ET82009-1', 'MY-ET82009-2']);
    expect(result.serialNumber).toBe('MY-ET82009-2');
    expect(result.attempts).toBe(2);
  });

  it('refuses, before sending, a generator that returns no text or repeats a number within a call', async () => {
    et.setHandler(() => ({ kind: 'http', status: 503 }));
    const before = et.received.length;
    for (const generator of [() => '', () => 42 as unknown as string, () => 'A&B']) {
      const failure = await client(generator)
        .getPaymentUrl({ order_id: 'ET1' })
        .catch((error: unknown) => error);
      expect(isEtkitClientError(failure, 'CONFIG')).toBe(true);
    }
    expect(et.received.length).toBe(before);
    const repeated = await client(() => 'SAME')
      .getPaymentUrl({ order_id: 'ET1' })
      .catch((error: unknown) => error);
    expect(isEtkitClientError(repeated, 'CONFIG')).toBe(true);
    expect(et.received.length).toBe(before + 1); // the first attempt went out; the retry was refused
  });
});
