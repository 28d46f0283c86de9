import { EtkitClientError } from './errors.js';

/**
 * Default cap on a response body. ET answers with small JSON envelopes: the provider's sample response is ~1.8 KB
 * with one encrypted order record, and a batch query's encrypted list grows by ~150–600 bytes a record, so
 * 256 KiB holds about 140 sample responses, or a list of well over a thousand orders. The cap is also what
 * bounds the cost of reading a hostile answer, since the whole body is parsed before its signature can be
 * checked: at 256 KiB the costliest answer we can construct takes ~11× a real one to refuse (bench/worst-case.ts),
 * at 1 MiB ~60×. A transport's `maxResponseBytes` changes it.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

/** CONFIG unless `value` (when given) is a positive safe integer. */
export function resolveMaxResponseBytes(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new EtkitClientError('CONFIG', 'maxResponseBytes must be a positive integer');
  }
  return value;
}

export function responseTooLarge(limit: number): Error {
  return new Error(`the response body exceeds ${limit} bytes (maxResponseBytes)`);
}

/** Whether a declared Content-Length is within the limit: the common case, read in one go. */
export function declaredWithin(contentLength: string | null | undefined, limit: number): boolean | undefined {
  if (contentLength === null || contentLength === undefined || !/^\d+$/.test(contentLength)) return undefined;
  return Number(contentLength) <= limit;
}

/**
 * Reads chunks as UTF-8 text (a leading BOM dropped, as Response#text does), failing as soon as they pass
 * `limit` bytes; `stop` releases the rest of the stream.
 */
export async function readLimitedText(
  next: () => Promise<Uint8Array | undefined>,
  stop: () => void,
  limit: number,
): Promise<string> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let chunk = await next(); chunk !== undefined; chunk = await next()) {
    total += chunk.byteLength;
    if (total > limit) {
      stop();
      throw responseTooLarge(limit);
    }
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
