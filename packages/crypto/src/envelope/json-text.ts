import { EtkitCryptoError } from '../errors.js';
import { parseJsonLossless } from '../raw-json.js';
import { sensitiveJson } from './sensitive.js';

/** JSON text for `data`: a string is sent as is (it must be JSON), an object compactly serialised. */
export function jsonText(value: unknown, fallback: string, name: string): string {
  if (value === undefined) return fallback;
  if (typeof value === 'string') {
    try {
      parseJsonLossless(value);
    } catch {
      throw new EtkitCryptoError('INVALID_ARGUMENT', `${name} is a string but not JSON text`);
    }
    return value;
  }
  if (typeof value !== 'object' || value === null) {
    throw new EtkitCryptoError('INVALID_ARGUMENT', `${name} must be JSON text, an object or an array`);
  }
  return sensitiveJson(value);
}
