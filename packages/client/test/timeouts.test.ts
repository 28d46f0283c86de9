import { describe, expect, it } from 'vitest';
import { createClient, EtkitClientError, type Transport, TransportError } from '../src/index.js';
import { clientKeys, merchant } from './helpers/keys.js';

// A transport that honours the attempt's abort and otherwise answers HTTP 503 after `delayMs`.
function slowTransport(delayMs: number): Transport & { calls: number } {
  const transport = Object.assign(
    (request: Parameters<Transport>[0]) =>
      new Promise<Awaited<ReturnType<Transport>>>((resolve, reject) => {
        transport.calls++;
        const timer = setTimeout(() => resolve({ status: 503, headers: {}, body: '' }), delayMs);
        request.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(request.signal.reason);
        });
      }),
    { calls: 0 },
  );
  return transport;
}

const base = { environment: 'http://127.0.0.1:9/server', ...merchant, keys: clientKeys, retry: false } as const;

describe('attempt timeouts', () => {
  // setTimeout clamps a delay above 2^31 − 1 ms to 1 ms: such a budget would time out every attempt at once and
  // turn every write into OUTCOME_UNKNOWN after the request had left.
  it('refuses a client timeoutMs that the platform timer cannot hold', () => {
    for (const timeoutMs of [2 ** 31, Number.MAX_SAFE_INTEGER]) {
      expect(() => createClient({ ...base, transport: slowTransport(1), timeoutMs })).toThrowError(
        expect.objectContaining({ code: 'CONFIG' }),
      );
    }
  });

  // A NaN or negative backoff makes every retry timer fire at once: a burst of requests instead of a backoff.
  it('refuses retry delays the platform timer would not honour, naming the setting', () => {
    const options = { ...base, transport: slowTransport(1) };
    for (const name of ['baseDelayMs', 'maxDelayMs'] as const) {
      for (const value of [Number.NaN, -1, Number.POSITIVE_INFINITY, 2 ** 31, '100' as unknown as number]) {
        expect(() => createClient({ ...options, retry: { [name]: value } })).toThrowError(
          expect.objectContaining({ code: 'CONFIG', message: expect.stringContaining(`retry.${name}`) }),
        );
      }
      for (const value of [0, 1.5, 2 ** 31 - 1]) {
        expect(() => createClient({ ...options, retry: { [name]: value } })).not.toThrow();
      }
    }
  });

  it('accepts the largest timer delay, which does not fire early', async () => {
    const transport = slowTransport(20);
    const client = createClient({ ...base, transport, timeoutMs: 2 ** 31 - 1 });
    const error = await client.getRate({}).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TransportError); // the 503 arrived: no early timeout
    expect((error as TransportError).httpStatus).toBe(503);
  });

  it('refuses an unusable per-call timeoutMs with CONFIG before anything is sent', async () => {
    const transport = slowTransport(1);
    const client = createClient({ ...base, transport });
    for (const timeoutMs of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31]) {
      const error = await client
        .createOrder({ merchant_order_id: 'M-T', tuituon: '1.00' }, { timeoutMs })
        .catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(EtkitClientError);
      expect((error as EtkitClientError).code).toBe('CONFIG');
      expect((error as EtkitClientError).mayHaveReachedEt).toBe(false);
    }
    expect(transport.calls).toBe(0);
  });
});

// The Transport contract asks transports to honour the abort, but the attempt's budget and the caller's signal
// must hold even for one that does not (a hand-written transport, a library that ignores AbortSignal).
describe('a transport that ignores the abort', () => {
  const deaf = Object.assign(
    (_request: Parameters<Transport>[0]) => {
      deaf.calls++;
      return new Promise<never>(() => {});
    },
    { calls: 0 },
  );

  it('still times out each attempt: a read is retried, then fails with TIMEOUT', async () => {
    deaf.calls = 0;
    const client = createClient({
      ...base,
      transport: deaf,
      timeoutMs: 30,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const error = await client.getRate({}).catch((reason: unknown) => reason);
    expect((error as EtkitClientError).code).toBe('TIMEOUT');
    expect(deaf.calls).toBe(2);
  });

  it('still times out a write, which becomes OUTCOME_UNKNOWN and is not retried', async () => {
    deaf.calls = 0;
    const client = createClient({ ...base, transport: deaf, timeoutMs: 30, retry: { maxAttempts: 3 } });
    const error = await client
      .createOrder({ merchant_order_id: 'M-D', tuituon: '1.00' })
      .catch((reason: unknown) => reason);
    expect((error as EtkitClientError).code).toBe('OUTCOME_UNKNOWN');
    expect(deaf.calls).toBe(1);
  });

  it("honours the caller's abort", async () => {
    const client = createClient({ ...base, transport: deaf, timeoutMs: 60_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await client.getRate({}, { signal: controller.signal }).catch((reason: unknown) => reason);
    expect((error as EtkitClientError).code).toBe('ABORTED');
  });
});
