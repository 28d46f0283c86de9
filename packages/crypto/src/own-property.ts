import { EtkitCryptoError } from './errors.js';

/** INVALID_ARGUMENT unless `value` is a non-null, non-array object (a set of named fields). */
export function assertFields(value: unknown, what: string): asserts value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) {
    throw new EtkitCryptoError('INVALID_ARGUMENT', `${what} must be an object of named fields`);
  }
}

/**
 * `target[key] = value` that also works for the key `__proto__`: plain assignment would change the
 * object's prototype instead of adding a field, silently dropping a received field (JSON.parse makes it an
 * own property, so must we).
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
