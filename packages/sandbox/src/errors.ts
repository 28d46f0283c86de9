import type { SandboxStatusCode } from './protocol/codes.js';

/**
 * A business error the sandbox answers inside a sealed response envelope. The message is safe to send
 * back: it names fields, never their values.
 */
export class SandboxApiError extends Error {
  readonly statusCode: SandboxStatusCode;

  constructor(statusCode: SandboxStatusCode, message: string) {
    super(message);
    this.name = 'SandboxApiError';
    this.statusCode = statusCode;
  }
}

/** Raised by the test controls (payOrder, advanceOrder, ...) when the order cannot make that move. */
export class SandboxStateError extends Error {
  readonly code: 'ORDER_NOT_FOUND' | 'INVALID_TRANSITION' | 'INVALID_ARGUMENT';

  constructor(code: SandboxStateError['code'], message: string) {
    super(message);
    this.name = 'SandboxStateError';
    this.code = code;
  }
}
