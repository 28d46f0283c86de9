import type { TransportRequest } from './transport.js';

/**
 * The abort state of one attempt: fires on the attempt's timeout or on the caller's abort. Its AbortSignal is
 * created only when a transport asks for one (fetch does); a transport that takes a callback (`onAbort`, the undici
 * transport) spares the cost of an EventTarget per request.
 */
export class AttemptAbort {
  aborted = false;
  timedOut = false;
  reason: unknown;
  private controller: AbortController | undefined;
  private listeners: Array<() => void> | undefined;
  private readonly timer: ReturnType<typeof setTimeout>;
  private onCallerAbort: (() => void) | undefined;

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    timeoutMs: number,
  ) {
    this.timer = setTimeout(expireAttempt, timeoutMs, this, timeoutMs);
    if (callerSignal) {
      const onCallerAbort = () => this.abort(callerSignal.reason);
      // The caller may have aborted while the envelope was being sealed: a listener added now would never fire.
      if (callerSignal.aborted) onCallerAbort();
      else callerSignal.addEventListener('abort', onCallerAbort, { once: true });
      this.onCallerAbort = onCallerAbort;
    }
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  /** Calls `listener` once when the attempt aborts (at once if it already has); returns an unsubscribe function. */
  onAbort(listener: () => void): () => void {
    if (this.aborted) {
      listener();
      return noop;
    }
    this.listeners ??= [];
    const listeners = this.listeners;
    listeners.push(listener);
    return () => {
      const index = listeners.indexOf(listener);
      if (index >= 0) listeners.splice(index, 1);
    };
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
    const listeners = this.listeners;
    this.listeners = undefined;
    for (const listener of listeners ?? []) listener();
  }

  dispose(): void {
    clearTimeout(this.timer);
    if (this.onCallerAbort) this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}

function expireAttempt(attempt: AttemptAbort, timeoutMs: number): void {
  attempt.timedOut = true;
  attempt.abort(new Error(`attempt timed out after ${timeoutMs} ms`));
}

function noop(): void {}

/**
 * The request handed to the transport for one attempt. `signal` is an own getter (so spreading or destructuring
 * the request still works) that makes the AbortSignal on first access.
 */
export function attemptRequest(
  url: string,
  headers: Record<string, string>,
  body: string,
  attempt: AttemptAbort,
): TransportRequest {
  return {
    url,
    method: 'POST',
    headers,
    body,
    get signal() {
      return attempt.signal;
    },
    onAbort: (listener) => attempt.onAbort(listener),
  };
}

/**
 * Settles with `pending`, or rejects with the attempt's abort reason as soon as the attempt aborts, whichever
 * comes first: the attempt's budget and the caller's signal hold even for a transport that ignores the abort.
 * A transport promise left behind is kept from becoming an unhandled rejection.
 */
export function untilAborted<T>(result: Promise<T>, attempt: AttemptAbort): Promise<T> {
  const pending = Promise.resolve(result);
  if (attempt.aborted) {
    pending.catch(noop);
    return Promise.reject(attempt.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const unsubscribe = attempt.onAbort(() => {
      pending.catch(noop);
      reject(attempt.reason);
    });
    pending.then(
      (value) => {
        unsubscribe();
        resolve(value);
      },
      (error: unknown) => {
        unsubscribe();
        reject(error);
      },
    );
  });
}
