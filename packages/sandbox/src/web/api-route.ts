import type { IncomingMessage, ServerResponse } from 'node:http';
import { type SandboxFault, validateFault } from '../faults.js';
import type { Serve } from '../serve/serve.js';
import { HttpError, readBody, send } from './http-io.js';

/** Per-request fault for raw HTTP callers: `x-etkit-sandbox-fault: {"httpStatus":503}`. */
export const faultHeader = 'x-etkit-sandbox-fault';

function faultFromHeader(value: string | string[] | undefined): SandboxFault | undefined {
  if (value === undefined) return undefined;
  let fault: unknown;
  try {
    fault = JSON.parse(Array.isArray(value) ? value.join(',') : value);
  } catch {
    throw new HttpError(400, `${faultHeader} must be a JSON object`);
  }
  if (typeof fault !== 'object' || fault === null || Array.isArray(fault)) {
    throw new HttpError(400, `${faultHeader} must be a JSON object`);
  }
  try {
    validateFault(fault as SandboxFault);
  } catch (error) {
    throw new HttpError(400, (error as Error).message);
  }
  return fault as SandboxFault;
}

/**
 * `POST /server`: the Open API over HTTP, a thin wrapper over `serve`. `closing` ends a request held by a delay
 * fault when the server closes.
 */
export async function serveApi(
  serve: Serve,
  closing: AbortSignal,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readBody(request);
  // Checked before serving: a request refused for a bad header does not use up a queued one-shot fault.
  const requestFault = faultFromHeader(request.headers[faultHeader]);
  const answer = await serve({
    body,
    faults: 'connection',
    signal: closing,
    ...(requestFault ? { requestFault } : {}),
  });
  if (answer.kind === 'dropped') {
    request.socket.destroy();
    return;
  }
  send(response, answer.status, answer.contentType, answer.body);
}
