/** Retry settings. Reads and requests that never left are retried; writes that may have reached ET never are. */
export interface RetryOptions {
  /** Total attempts including the first; default 3. 1 disables retries. */
  maxAttempts?: number;
  /** Backoff base; default 100 ms. */
  baseDelayMs?: number;
  /** Backoff cap; default 2 000 ms. */
  maxDelayMs?: number;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Source of randomness in [0, 1); injectable for tests. */
  random: () => number;
}

export function resolveRetryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, random: Math.random };
  return {
    maxAttempts: options?.maxAttempts ?? 3,
    baseDelayMs: options?.baseDelayMs ?? 100,
    maxDelayMs: options?.maxDelayMs ?? 2_000,
    random: Math.random,
  };
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base · 2^(attempt-1))). */
export function backoffDelayMs(policy: RetryPolicy, failedAttempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.floor(policy.random() * ceiling);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
