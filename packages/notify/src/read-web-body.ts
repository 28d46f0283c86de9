import { NotificationError } from './errors.js';

/**
 * Reads a Web `Request` body into bytes, stopping as soon as it passes `maxBodyBytes` (a declared
 * Content-Length is checked first, so an honest oversized request is refused before any byte is read).
 * `bodyNotRawAdvice` is the BODY_NOT_RAW message for a body something else already read.
 */
export async function readWebRequestBody(
  request: Request,
  maxBodyBytes: number,
  bodyNotRawAdvice: string,
): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBodyBytes) throw tooLarge(maxBodyBytes);
  if (request.bodyUsed) throw new NotificationError('BODY_NOT_RAW', bodyNotRawAdvice);
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBodyBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBodyBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(maxBodyBytes: number): NotificationError {
  return new NotificationError('BODY_TOO_LARGE', `The notification body exceeds ${maxBodyBytes} bytes`);
}
