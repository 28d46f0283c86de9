import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttemptAbort, attemptRequest } from '../src/attempt.js';
import { fetchTransport } from '../src/index.js';
import { undiciTransport } from '../src/index.node.js';
import { type FakeEt, startFakeEt } from './helpers/fake-et.js';

describe('attempt abort', () => {
  it('fires on its timeout, for callbacks and for a signal made later', async () => {
    const attempt = new AttemptAbort(undefined, 20);
    let called = 0;
    attempt.onAbort(() => called++);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(attempt).toMatchObject({ aborted: true, timedOut: true });
    expect(called).toBe(1);
    expect(attempt.signal.aborted).toBe(true);
    attempt.dispose();
  });

  it('follows the caller signal, even one that aborted before the attempt began', () => {
    const caller = new AbortController();
    const live = new AttemptAbort(caller.signal, 10_000);
    const signal = live.signal;
    caller.abort(new Error('stop'));
    expect(live).toMatchObject({ aborted: true, timedOut: false });
    expect(signal.aborted).toBe(true);
    live.dispose();

    const late = new AttemptAbort(caller.signal, 10_000);
    let called = false;
    late.onAbort(() => {
      called = true;
    });
    expect(late.aborted).toBe(true);
    expect(called).toBe(true);
    late.dispose();
  });

  it('gives transports a request they may spread or destructure', () => {
    const caller = new AbortController();
    const attempt = new AttemptAbort(caller.signal, 10_000);
    const { signal, ...rest } = { ...attemptRequest('http://127.0.0.1:1/server', {}, '{}', attempt) };
    expect(rest).toMatchObject({ url: 'http://127.0.0.1:1/server', method: 'POST', body: '{}' });
    expect(signal).toBeInstanceOf(AbortSignal);
    caller.abort();
    expect(signal.aborted).toBe(true);
    attempt.dispose();
  });

  it('stops calling a listener once it unsubscribed', () => {
    const caller = new AbortController();
    const attempt = new AttemptAbort(caller.signal, 10_000);
    let called = false;
    const unsubscribe = attempt.onAbort(() => {
      called = true;
    });
    unsubscribe();
    caller.abort();
    expect(called).toBe(false);
    attempt.dispose();
  });
});

describe.each([
  ['undici', () => undiciTransport()],
  ['fetch', () => fetchTransport()],
] as const)('%s transport given an attempt that is already aborted', (_name, make) => {
  let et: FakeEt;
  beforeAll(async () => {
    et = await startFakeEt();
  });
  afterAll(() => et.close());

  it('rejects without a response', async () => {
    const caller = new AbortController();
    caller.abort();
    const attempt = new AttemptAbort(caller.signal, 10_000);
    const transport = make();
    await expect(transport(attemptRequest(et.url, {}, '{}', attempt))).rejects.toBeDefined();
    expect(et.received).toHaveLength(0);
    attempt.dispose();
    await (transport as { close?: () => Promise<void> }).close?.();
  });
});
