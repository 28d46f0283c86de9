/** The request/response shape of @etkit/client's Transport seam. */
export interface SandboxTransportRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal;
}

export interface SandboxTransportResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type SandboxTransport = (request: SandboxTransportRequest) => Promise<SandboxTransportResponse>;

/** The error the in-process transport throws for a dropped-connection fault, shaped like Node's. */
export class SandboxConnectionError extends Error {
  readonly code = 'ECONNRESET';

  constructor() {
    super('sandbox fault: connection dropped without an answer');
    this.name = 'SandboxConnectionError';
  }
}

/** Waits `ms` real milliseconds, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The merchant number of a request body, if it is readable JSON (used to pick per-merchant faults). */
export function peekMerchantNumber(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    const value =
      typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).merchant_number : undefined;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
