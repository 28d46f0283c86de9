import { generateKeyPair } from '@etkit/crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  createClient,
  type EtClient,
  EtkitClientError,
  OutcomeUnknownError,
  TimeoutError,
  type Transport,
  TransportError,
} from '../src/index.js';
import { type FakeEt, type Reply, refusedPortUrl, startFakeEt } from './helpers/fake-et.js';
import { clientKeys, merchant } from './helpers/keys.js';
import { transports } from './helpers/transports.js';

async function caught(promise: Promise<unknown>): Promise<EtkitClientError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(EtkitClientError);
  return error as EtkitClientError;
}

const fastRetry = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

describe.each(transports)('failures over %s', (_name, makeTransport) => {
  let et: FakeEt;
  let transport: Transport & { close?: () => Promise<void> };
  let client: EtClient;

  beforeAll(async () => {
    et = await startFakeEt();
    transport = makeTransport();
    client = createClient({
      environment: et.url,
      ...merchant,
      keys: clientKeys,
      transport,
      // Generous, so a busy machine never turns an answer into a timeout; the timeout tests pass their own.
      timeoutMs: 10_000,
      retry: fastRetry,
    });
  });
  afterEach(() => {
    et.received.length = 0;
  });
  afterAll(async () => {
    await transport.close?.();
    await et.close();
  });

  it('turns status_code 200003 into an ApiError with a readable explanation', async () => {
    et.setHandler(() => ({ kind: 'sealed', statusCode: '200003', message: 'order is not waiting for payment' }));
    const error = await caught(client.getPaymentUrl({ order_id: 'ET1' }));
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.code).toBe('API_ERROR');
    expect(apiError.statusCode).toBe('200003');
    expect(apiError.etMessage).toBe('order is not waiting for payment');
    expect(apiError.explanation).toBe('Payment URL requested for an order that is not waiting for payment');
    expect(apiError.serverType).toBe('get_special_pay_url');
    expect(apiError.serialNumber).toBe(et.received[0]?.serialNumber);
    expect(apiError.verified).toBe(true);
    expect(apiError.attempts).toBe(1);
    expect(et.received).toHaveLength(1); // a business error is an answer: never retried
  });

  it('leaves the explanation empty for a status_code the constants do not know', async () => {
    et.setHandler(() => ({ kind: 'sealed', statusCode: '999999', message: 'something else' }));
    const error = (await caught(client.getRate({}))) as ApiError;
    expect(error.statusCode).toBe('999999');
    expect(error.explanation).toBeUndefined();
  });

  it('rejects a response whose signature does not verify, returning nothing of the body', async () => {
    et.setHandler(() => ({ kind: 'sealed', sensitive: [{ name_ch: '测试' }], tamper: true }));
    const error = await caught(client.batchQueryOrders({}));
    expect(error.code).toBe('SIGNATURE_INVALID');
    expect(error.message).not.toContain('测试');
    expect(JSON.stringify(error)).not.toContain('测试');
    expect(et.received).toHaveLength(1);
  });

  it('reports a body that is not an envelope as MALFORMED_RESPONSE', async () => {
    et.setHandler(() => ({ kind: 'raw', body: '<html>gateway</html>' }));
    expect((await caught(client.getRate({}))).code).toBe('MALFORMED_RESPONSE');
  });

  it('times out each attempt, retries a read with fresh serial numbers, then reports TIMEOUT', async () => {
    et.setHandler(() => ({ kind: 'hang' }));
    const started = Date.now();
    const error = await caught(client.getPaymentUrl({ order_id: 'ET1' }, { timeoutMs: 500 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(500);
    expect(error.attempts).toBe(3);
    await vi.waitFor(() => expect(et.received).toHaveLength(3));
    expect(new Set(error.serialNumbers).size).toBe(3);
    expect(error.serialNumbers).toEqual(et.received.map((request) => request.serialNumber));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
  });

  it('never retries a create order that timed out: OUTCOME_UNKNOWN with the serial number', async () => {
    et.setHandler(() => ({ kind: 'hang' }));
    // On a loaded machine the request can reach the fake ET after the client gave up (it once leaked into the
    // next test): wait for it before comparing. 500 ms leaves room to open a connection under load.
    const error = await caught(client.createOrder({ merchant_order_id: 'M-T' }, { timeoutMs: 500 }));
    await vi.waitFor(() => expect(et.received).toHaveLength(1));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.code).toBe('OUTCOME_UNKNOWN');
    expect((error as OutcomeUnknownError).reason).toBe('TIMEOUT');
    expect(error.cause).toBeInstanceOf(TimeoutError);
    expect(error.mayHaveReachedEt).toBe(true);
    expect(error.serialNumber).toBe(et.received[0]?.serialNumber);
    expect(error.message).toContain(et.received[0]!.serialNumber);
    expect(et.received).toHaveLength(1);
  });

  it('retries a 5xx for a read and succeeds', async () => {
    et.setHandler((_request, index) =>
      index < 2
        ? { kind: 'http', status: 503 }
        : { kind: 'sealed', data: [{ pay_url: 'https://pay.example.test/ok' }] },
    );
    const result = await client.getPaymentUrl({ order_id: 'ET1' });
    expect(result.payUrl).toBe('https://pay.example.test/ok');
    expect(result.attempts).toBe(3);
    expect(et.received).toHaveLength(3);
    expect(result.serialNumber).toBe(et.received[2]?.serialNumber);
    expect(new Set(et.received.map((request) => request.serialNumber)).size).toBe(3);
  });

  it('does not retry a 5xx for create order', async () => {
    et.setHandler(() => ({ kind: 'http', status: 502 }));
    const error = await caught(client.createOrder({ merchant_order_id: 'M-5' }));
    expect(error.code).toBe('OUTCOME_UNKNOWN');
    expect(error.cause).toBeInstanceOf(TransportError);
    expect((error.cause as TransportError).httpStatus).toBe(502);
    expect(et.received).toHaveLength(1);
  });

  it('does not retry a 4xx, even for a read', async () => {
    et.setHandler(() => ({ kind: 'http', status: 404 }));
    const error = await caught(client.getRate({}));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).httpStatus).toBe(404);
    expect(et.received).toHaveLength(1);
  });

  it('treats a connection dropped after sending as "may have reached ET" for writes', async () => {
    et.setHandler(() => ({ kind: 'destroy' }));
    const write = await caught(
      client.uploadAttachment({ order_id: 'E', attachment_type: 1, file_name: 'a', file: new Uint8Array(1) }),
    );
    expect(write.code).toBe('OUTCOME_UNKNOWN');
    expect(et.received).toHaveLength(1);
    const read = await caught(client.getRate({}));
    expect(read.code).toBe('TRANSPORT');
    expect(et.received).toHaveLength(1 + 3);
  });

  it('aborts on the caller signal without retrying', async () => {
    const controller = new AbortController();
    // Aborted once ET holds the request (a timer could fire before a busy machine even sent it).
    et.setHandler(() => {
      controller.abort();
      return { kind: 'hang' };
    });
    // ABORTED, not TIMEOUT after 60 s: the signal ended it (no wall-clock bound, which a busy machine can miss).
    const error = await caught(client.getRate({}, { signal: controller.signal, timeoutMs: 60_000 }));
    expect(error.code).toBe('ABORTED');
    expect(error.attempts).toBe(1);
    expect(et.received).toHaveLength(1);
  });

  it('fails at once with ABORTED when the signal is already aborted, sending nothing', async () => {
    const hitsBefore = et.hits();
    const error = await caught(client.getRate({}, { signal: AbortSignal.abort() }));
    expect(error.code).toBe('ABORTED');
    expect(error.attempts).toBe(0);
    expect(et.hits()).toBe(hitsBefore);
  });
});

describe.each(transports)('connection refused over %s', (_name, makeTransport) => {
  it('retries any operation, create order included, because the request never left', async () => {
    const transport = makeTransport();
    try {
      const client = createClient({
        environment: await refusedPortUrl(),
        ...merchant,
        keys: clientKeys,
        transport,
        retry: fastRetry,
      });
      const error = await caught(client.createOrder({ merchant_order_id: 'M-R' }));
      expect(error).toBeInstanceOf(TransportError);
      expect(error.mayHaveReachedEt).toBe(false);
      expect(error.attempts).toBe(3);
      expect(error.message).toMatch(/request not sent/);
    } finally {
      await transport.close?.();
    }
  });
});

describe('validation', () => {
  let et: FakeEt;
  let client: EtClient;
  beforeAll(async () => {
    et = await startFakeEt();
    client = createClient({ environment: et.url, ...merchant, keys: clientKeys });
  });
  afterAll(() => et.close());

  const cases: Array<[string, () => Promise<unknown>, string, string, number | undefined]> = [
    [
      'a name longer than its limit',
      () => client.createOrder({ merchant_order_id: 'M', name_ch: '张'.repeat(21) }),
      'sensitive.name_ch',
      'maxLength',
      20,
    ],
    [
      'an email longer than its limit',
      () => client.createOrder({ merchant_order_id: 'M', student_email: `${'x'.repeat(45)}@example.test` }),
      'sensitive.student_email',
      'maxLength',
      50,
    ],
    ['a missing required field', () => client.getPaymentUrl({} as never), 'data.order_id', 'required', undefined],
    [
      'a wrong type',
      () => client.createOrder({ merchant_order_id: 'M', price_mode: '1' as never }),
      'sensitive.price_mode',
      'type',
      undefined,
    ],
    [
      'an amount that is not a decimal string',
      () => client.createOrder({ merchant_order_id: 'M', tuituon: 1e21 as never }),
      'sensitive.tuituon',
      'decimal',
      undefined,
    ],
    [
      'an amount with an exponent',
      () => client.createOrder({ merchant_order_id: 'M', tuituon: '1e3' }),
      'sensitive.tuituon',
      'decimal',
      undefined,
    ],
    [
      'a nested item of the wrong type',
      () => client.createOrder({ merchant_order_id: 'M', fee_type_list: [{ fee_type: 'rent' as never }] }),
      'sensitive.fee_type_list[0].fee_type',
      'type',
      undefined,
    ],
    [
      'an attachment type outside its table',
      () =>
        client.uploadAttachment({
          order_id: 'E',
          attachment_type: 8 as never,
          file_name: 'a',
          file: new Uint8Array(1),
        }),
      'data.attachment_type',
      'enum',
      undefined,
    ],
    [
      'an order id longer than 30',
      () => client.getPaymentUrl({ order_id: 'E'.repeat(31) }),
      'data.order_id',
      'maxLength',
      30,
    ],
    [
      'both tuition spellings with different values',
      () => client.createOrder({ merchant_order_id: 'M', tuition: '1', tuituon: '2' }),
      'sensitive.tuituon',
      'conflict',
      undefined,
    ],
    [
      'an extra field that shadows a documented one',
      () => client.getPaymentUrl({ order_id: 'E', extraFields: { order_id: 'F' } }),
      'extraFields.order_id',
      'conflict',
      undefined,
    ],
  ];

  it.each(cases)('rejects %s before sending, naming the field and limit', async (_label, run, field, rule, limit) => {
    const hitsBefore = et.hits();
    const error = await caught(run());
    expect(error.code).toBe('VALIDATION');
    expect(error).toMatchObject({ field, rule, limit });
    expect(error.message).toContain(field);
    expect(error.message).not.toMatch(/张|xxxxx|\brent\b/);
    expect(et.hits()).toBe(hitsBefore);
  });

  it('counts characters, not UTF-16 units, against limits', async () => {
    et.setHandler(() => ({ kind: 'sealed', data: [] }));
    await expect(client.createOrder({ merchant_order_id: 'M', name_ch: '𠀀'.repeat(20) })).resolves.toBeDefined();
  });
});

describe('responses that cannot be trusted or read', () => {
  let et: FakeEt;
  beforeAll(async () => {
    et = await startFakeEt();
  });
  afterAll(() => et.close());
  const clientWith = (profile?: { unsignedResponses: 'reject' | 'accept-errors-unverified' }) =>
    createClient({ environment: et.url, ...merchant, keys: clientKeys, profile });

  it('accepts an unsigned business error as unverified by default, and rejects it under "reject"', async () => {
    et.setHandler(() => ({ kind: 'sealed', statusCode: '200003', message: 'not waiting', unsigned: true }));
    const accepted = (await caught(clientWith().getPaymentUrl({ order_id: 'ET1' }))) as ApiError;
    expect(accepted.code).toBe('API_ERROR');
    expect(accepted.verified).toBe(false);
    const rejected = await caught(clientWith({ unsignedResponses: 'reject' }).getPaymentUrl({ order_id: 'ET1' }));
    expect(rejected.code).toBe('SIGNATURE_INVALID');
  });

  // Anyone on the path can write an unsigned error body: it must not be able to tell the merchant that a write
  // (create order, refund) definitively failed, or the merchant would send it again and ET might act twice.
  it('turns an unsigned business error on a write into OUTCOME_UNKNOWN; a signed one stays an ApiError', async () => {
    et.setHandler(() => ({ kind: 'sealed', statusCode: '100001', message: 'failed', unsigned: true }));
    const unsigned = await caught(clientWith().createOrder({ merchant_order_id: 'M-U', tuituon: '1.00' }));
    expect(unsigned).toBeInstanceOf(OutcomeUnknownError);
    expect((unsigned as OutcomeUnknownError).reason).toBe('API_ERROR');
    expect(unsigned.mayHaveReachedEt).toBe(true);
    expect(unsigned.cause).toBeInstanceOf(ApiError);
    expect((unsigned.cause as ApiError).verified).toBe(false);
    expect((unsigned.cause as ApiError).statusCode).toBe('100001');

    et.setHandler(() => ({ kind: 'sealed', statusCode: '100001', message: 'failed' }));
    const signed = await caught(clientWith().createOrder({ merchant_order_id: 'M-S', tuituon: '1.00' }));
    expect(signed).toBeInstanceOf(ApiError);
    expect((signed as ApiError).verified).toBe(true);
  });

  // ET answered a write with something that cannot be trusted or read: it may well have acted on the request.
  it.each<[string, Reply, string]>([
    [
      'a signature that does not verify',
      { kind: 'sealed', data: [{ order_id: 'ET7' }], tamper: true },
      'SIGNATURE_INVALID',
    ],
    ['a body that is not an envelope', { kind: 'raw', body: '<html>gateway</html>' }, 'MALFORMED_RESPONSE'],
  ])('turns %s on a write into OUTCOME_UNKNOWN', async (_name, reply, reason) => {
    et.setHandler(() => reply);
    const error = await caught(clientWith().createOrder({ merchant_order_id: 'M-W', tuituon: '1.00' }));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).reason).toBe(reason);
    expect(error.mayHaveReachedEt).toBe(true);
    expect((error.cause as EtkitClientError).code).toBe(reason);
  });

  it('turns an undecryptable answer to a write into OUTCOME_UNKNOWN', async () => {
    const other = await generateKeyPair(1024);
    et.setHandler(() => ({ kind: 'sealed', sensitive: [{ order_id: 'ET8' }], encryptFor: other.publicKeyPem }));
    const error = await caught(clientWith().createOrder({ merchant_order_id: 'M-D', tuituon: '1.00' }));
    expect((error as OutcomeUnknownError).reason).toBe('DECRYPT_FAILED');
  });

  // ET's message text is copied into error.message, which ends up in logs; an unsigned body can say anything.
  it('keeps control characters and overlong text of ET message out of error.message (etMessage keeps it whole)', async () => {
    const hostile = `failed\n2026-11-28 INFO payment ET1 confirmed\u001b[2J${'x'.repeat(5000)}`;
    et.setHandler(() => ({ kind: 'sealed', statusCode: '100001\r\nforged', message: hostile, unsigned: true }));
    const error = (await caught(clientWith().getPaymentUrl({ order_id: 'ET1' }))) as ApiError;
    expect(error.etMessage).toBe(hostile);
    expect(error.message).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(error.message.length).toBeLessThan(600);
  });

  it('never accepts an unsigned success', async () => {
    et.setHandler(() => ({ kind: 'sealed', data: [{ pay_url: 'https://evil.example.test' }], unsigned: true }));
    expect((await caught(clientWith().getPaymentUrl({ order_id: 'ET1' }))).code).toBe('SIGNATURE_INVALID');
  });

  it('reports DECRYPT_FAILED when the response was encrypted for another key, without its contents', async () => {
    const other = await generateKeyPair(1024);
    et.setHandler(() => ({ kind: 'sealed', sensitive: [{ name_ch: '王小明' }], encryptFor: other.publicKeyPem }));
    const error = await caught(clientWith().batchQueryOrders({}));
    expect(error.code).toBe('DECRYPT_FAILED');
    expect(error.message).not.toContain('王小明');
  });
});

describe('generic call', () => {
  let et: FakeEt;
  let client: EtClient;
  beforeAll(async () => {
    et = await startFakeEt();
    client = createClient({ environment: et.url, ...merchant, keys: clientKeys, retry: fastRetry });
  });
  afterAll(() => et.close());
  afterEach(() => {
    et.received.length = 0;
  });

  it('validates a documented server_type against its schemas', async () => {
    const error = await caught(client.call('get_special_pay_url', { data: { back_page_url: 'https://x.test' } }));
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'data.order_id', rule: 'required' });
    expect(et.received).toHaveLength(0);
  });

  it('is a write unless told it is idempotent', async () => {
    et.setHandler(() => ({ kind: 'http', status: 503 }));
    expect((await caught(client.call('agreed_query', { data: {} }))).code).toBe('OUTCOME_UNKNOWN');
    expect(et.received).toHaveLength(1);
    et.received.length = 0;
    const read = await caught(client.call('agreed_query', { data: {}, idempotent: true }));
    expect(read).toMatchObject({ code: 'TRANSPORT', httpStatus: 503, attempts: 3 });
    expect(et.received).toHaveLength(3);
  });
});
