import { type PayloadSchema, payloadSchemas } from '@etkit/openapi';
import { REDACTED } from './redact.js';
import { WireNumber } from './wire-json.js';

const schemas: Readonly<Record<string, PayloadSchema>> = payloadSchemas;

/**
 * The hook view of a payload that travels encrypted (`sensitive_data`, either way). The protocol encrypts it
 * because it is sensitive, so masking goes by allowlist: a field shows only when the payload's schema documents
 * it and does not mark it personal (nor `fields` name it); anything else — `extraFields`, open payloads,
 * response columns the document does not know — reads REDACTED. A list is a list of such records.
 */
export function redactEncryptedPayload(value: unknown, schemaName: string, fields: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => redactEncryptedPayload(item, schemaName, fields));
  if (value === null) return null;
  if (typeof value !== 'object' || value instanceof WireNumber) return REDACTED; // a bare value: no field to vouch for it
  const schema = schemas[schemaName];
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    const constraint = schema?.properties[name];
    if (!constraint || constraint.sensitive || fields.has(name)) out[name] = REDACTED;
    else if (constraint.items) out[name] = redactEncryptedPayload(field, constraint.items, fields);
    else if (field instanceof WireNumber) out[name] = field.text;
    else if (field !== null && typeof field === 'object')
      out[name] = REDACTED; // structure the document does not describe
    else out[name] = field;
  }
  return out;
}
