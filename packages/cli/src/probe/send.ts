/** What one request got back: an HTTP answer, or why there was none. */
export type Delivery =
  | { kind: 'answer'; httpStatus: number; body: string }
  | { kind: 'timeout' | 'connection-refused' | 'network-error'; detail: string };

export type Send = (url: string, body: string, timeoutMs: number) => Promise<Delivery>;

/** Answers above this are cut: an envelope for get_rate is a few kilobytes. */
const maxAnswerBytes = 1024 * 1024;

const connectTimeoutCodes = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** The answer's text, at most maxAnswerBytes of it: a misdirected URL may stream anything. */
async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxAnswerBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  if (size >= maxAnswerBytes) await reader.cancel();
  const bytes = new Uint8Array(Math.min(size, maxAnswerBytes));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - offset);
    bytes.set(part, offset);
    offset += part.length;
  }
  return new TextDecoder().decode(bytes);
}

/** The error code behind a failed fetch (undici puts the system error in `cause`). */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** POSTs one envelope with a time budget covering the whole exchange; never throws for network trouble. */
export const sendEnvelope: Send = async (url, body, timeoutMs) => {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
      body,
      signal,
      redirect: 'manual',
    });
    return { kind: 'answer', httpStatus: response.status, body: await readCapped(response) };
  } catch (error) {
    if (signal.aborted || (error as Error)?.name === 'TimeoutError') {
      return { kind: 'timeout', detail: `no answer within ${timeoutMs} ms` };
    }
    const code = causeCode(error);
    if (code === 'ECONNREFUSED') return { kind: 'connection-refused', detail: 'ECONNREFUSED' };
    if (code !== undefined && connectTimeoutCodes.has(code)) return { kind: 'timeout', detail: code };
    return { kind: 'network-error', detail: code ?? 'the request failed before an answer arrived' };
  }
};
