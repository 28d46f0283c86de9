import { SandboxApiError } from '../errors.js';
import { sandboxStatusCodes } from '../protocol/codes.js';
import { isDecimalText } from '../world/decimal.js';

/**
 * The business fields of one request, with checks that name the field but never echo its value. `limits` are the
 * operation's documented maximum lengths from the registry (@etkit/openapi `operations[name].fieldLimits`): a
 * field read without its own `max` gets its documented one.
 */
export class FieldReader {
  constructor(
    private readonly fields: Record<string, unknown>,
    private readonly operation: string,
    private readonly limits: Readonly<Record<string, number>> = {},
  ) {}

  has(name: string): boolean {
    const value = this.fields[name];
    return value !== undefined && value !== null && value !== '';
  }

  raw(name: string): unknown {
    return this.fields[name];
  }

  /** A string field (sandbox leniency: a JSON number is read by its text; ET's handling is not documented). */
  string(name: string, options: { required?: boolean; max?: number } = {}): string {
    const value = this.fields[name];
    if (value === undefined || value === null || value === '') {
      if (options.required) throw this.invalid(`${name} is required`);
      return '';
    }
    if (typeof value !== 'string' && typeof value !== 'number') throw this.invalid(`${name} must be a string`);
    const text = String(value);
    const max = options.max ?? this.limits[name];
    if (max !== undefined && [...text].length > max) throw this.invalid(`${name} is longer than ${max} characters`);
    return text;
  }

  /** A non-negative decimal amount, kept as its exact text. */
  decimal(name: string, options: { required?: boolean } = {}): string | undefined {
    const value = this.fields[name];
    if (value === undefined || value === null || value === '') {
      if (options.required) throw this.invalid(`${name} is required`);
      return undefined;
    }
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string' || !isDecimalText(text)) throw this.invalid(`${name} must be a non-negative decimal`);
    return text;
  }

  integer(name: string, options: { required?: boolean } = {}): number | undefined {
    const value = this.fields[name];
    if (value === undefined || value === null || value === '') {
      if (options.required) throw this.invalid(`${name} is required`);
      return undefined;
    }
    const number = typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isInteger(number)) throw this.invalid(`${name} must be an integer`);
    return number;
  }

  /** An absolute http(s) URL (or empty when optional); 500 characters where the document gives no limit. */
  url(name: string): string {
    const text = this.string(name, { max: this.limits[name] ?? 500 });
    if (text === '') return '';
    let ok = false;
    try {
      const protocol = new URL(text).protocol;
      ok = protocol === 'http:' || protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) throw this.invalid(`${name} must be an absolute http(s) URL`);
    return text;
  }

  /** A list of strings given as a JSON array or a comma-separated string. */
  stringList(name: string): string[] {
    const value = this.fields[name];
    if (value === undefined || value === null || value === '') return [];
    const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
    if (!items?.every((item) => typeof item === 'string' || typeof item === 'number')) {
      throw this.invalid(`${name} must be a list of strings`);
    }
    return items.map((item) => String(item).trim()).filter((item) => item !== '');
  }

  invalid(message: string): SandboxApiError {
    return new SandboxApiError(sandboxStatusCodes.fieldInvalid, `${this.operation}: ${message}`);
  }
}
