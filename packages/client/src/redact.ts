import { sensitiveFieldNames } from '@etkit/openapi';
import { WireNumber } from './wire-json.js';

/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/** Field names masked by default: every field the OpenAPI document marks `x-etkit-sensitive: true`. */
export const defaultRedactedFields: readonly string[] = sensitiveFieldNames;

/** Replaces the value of every field named in `fields`, at any depth, with {@link REDACTED}. Returns a copy. */
export function redactPayload(value: unknown, fields: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => redactPayload(item, fields));
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof WireNumber) return value.text;
  if (value instanceof Uint8Array || (typeof Blob !== 'undefined' && value instanceof Blob)) return REDACTED;
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    out[name] = fields.has(name) ? REDACTED : redactPayload(field, fields);
  }
  return out;
}
