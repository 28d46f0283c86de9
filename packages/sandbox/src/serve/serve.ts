import type { SandboxMerchant } from '../accounts/merchant-config.js';
import type { FaultQueue, SandboxFault } from '../faults.js';
import { type RequestReading, readRequest, textOf } from '../protocol/read-request.js';
import { sleep } from './sleep.js';

export interface ServeRequest {
  body: string;
  /**
   * What the entry point can act out. `connection` (the in-process transport, HTTP): the merchant's standing API
   * faults merged with the next one-shot fault; a delay, a dropped connection, an HTTP status. `answer`
   * (`sandbox.handle`): there is no connection, so only a standing `wrongSignature` applies and one-shot faults
   * stay queued for the transports.
   */
  faults: 'connection' | 'answer';
  /** A fault for this request alone, over the others (HTTP's `x-etkit-sandbox-fault` header). */
  requestFault?: SandboxFault;
  /** Ends a delay early: the caller gave up or the sandbox is closing. */
  signal?: AbortSignal;
}

/** An answer: a sealed envelope (200, JSON) or, under an httpStatus fault, a plain-text error. */
export interface ServeAnswer {
  kind: 'answer';
  status: number;
  contentType: string;
  body: string;
}

export type ServeResponse = ServeAnswer | { kind: 'dropped' };

/** `handle`'s kind of request can neither be dropped nor turned into an HTTP error: it always gets an envelope. */
export interface Serve {
  (request: ServeRequest & { faults: 'answer' }): Promise<ServeAnswer>;
  (request: ServeRequest): Promise<ServeResponse>;
}

export interface ServeDependencies {
  merchant: (merchantNumber: string) => SandboxMerchant | undefined;
  faults: FaultQueue;
  /** Brings orders up to date (the 7-day close) before a request sees them. */
  sweep: () => void;
  /** The protocol core: a read request and its fault in, a sealed envelope out; never throws. */
  answer: (reading: RequestReading, fault: SandboxFault) => Promise<string>;
}

const envelopeType = 'application/json; charset=utf-8';
const faultType = 'text/plain; charset=utf-8';

/**
 * The sandbox's one way in for API requests: the in-process transport, the HTTP server and `handle` are thin
 * wrappers over it. It reads the body once and picks the request's fault once, from that reading.
 */
export function createServe(deps: ServeDependencies): Serve {
  function faultFor(reading: RequestReading, request: ServeRequest): SandboxFault {
    const merchantNumber = textOf(reading.fields, 'merchant_number');
    const standing = merchantNumber === undefined ? undefined : deps.merchant(merchantNumber)?.faults;
    if (request.faults === 'answer') return { wrongSignature: standing?.wrongSignature === true };
    return { ...deps.faults.take('api', merchantNumber, standing), ...request.requestFault };
  }

  async function serve(request: ServeRequest): Promise<ServeResponse> {
    const reading = readRequest(request.body);
    const fault = faultFor(reading, request);
    if (fault.delayMs) await sleep(fault.delayMs, request.signal);
    if (fault.dropConnection) return { kind: 'dropped' };
    if (fault.httpStatus)
      return { kind: 'answer', status: fault.httpStatus, contentType: faultType, body: 'sandbox fault' };
    deps.sweep();
    return { kind: 'answer', status: 200, contentType: envelopeType, body: await deps.answer(reading, fault) };
  }
  return serve as Serve;
}
