import { type FieldConstraint, type PayloadSchema, payloadSchemas } from '@etkit/openapi';
import { isDecimalText } from './decimal.js';
import { checkEchoedText } from './echoed-text.js';
import { type ClientErrorContext, ValidationError } from './errors.js';
import { WireNumber } from './wire-json.js';

const schemas: Readonly<Record<string, PayloadSchema>> = payloadSchemas;

/**
 * Checks a request payload against its schema in the OpenAPI document (required fields, types, maximum lengths,
 * enumerations) and returns the object to put on the wire: decimal strings become JSON numbers with exactly
 * their text (WireNumber), unknown fields pass through; text ET echoes into notifications is checked
 * (echoed-text.ts). Errors name the field and the limit, never the value (it may be personal data).
 */
export function encodePayload(
  schemaName: string,
  input: unknown,
  path: string,
  context: ClientErrorContext,
): Record<string, unknown> {
  const schema = schemas[schemaName];
  if (!schema) throw new Error(`no payload schema ${schemaName}`);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ValidationError(path, 'type', 'must be an object', context);
  }
  const record = input as Record<string, unknown>;
  for (const field of schema.required) {
    if (record[field] === undefined || record[field] === null) {
      throw new ValidationError(`${path}.${field}`, 'required', 'is required', context);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (value === undefined) continue;
    checkEchoedText(field, value, `${path}.${field}`, context);
    const constraint = schema.properties[field];
    out[field] = constraint ? encodeField(constraint, value, `${path}.${field}`, context) : value;
  }
  return out;
}

function encodeField(constraint: FieldConstraint, value: unknown, path: string, context: ClientErrorContext): unknown {
  if (value === null) return value;
  switch (constraint.type) {
    case 'string': {
      if (typeof value !== 'string') throw new ValidationError(path, 'type', 'must be a string', context);
      // Limits are in characters as the provider counts them; count code points, not UTF-16 units.
      if (constraint.maxLength !== undefined && countCharacters(value) > constraint.maxLength) {
        throw new ValidationError(path, 'maxLength', `is longer than ${constraint.maxLength} characters`, {
          ...context,
          limit: constraint.maxLength,
        });
      }
      checkEnum(constraint, value, path, context);
      return value;
    }
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        throw new ValidationError(path, 'type', 'must be an integer', context);
      }
      checkEnum(constraint, value, path, context);
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new ValidationError(path, 'type', 'must be a finite number', context);
      }
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw new ValidationError(path, 'type', 'must be a boolean', context);
      return value;
    case 'decimal': {
      if (typeof value !== 'string' || !isDecimalText(value)) {
        throw new ValidationError(path, 'decimal', 'must be a decimal string such as "10000.00"', context);
      }
      return new WireNumber(value);
    }
    case 'array': {
      if (!Array.isArray(value)) throw new ValidationError(path, 'type', 'must be an array', context);
      const items = constraint.items;
      return items ? value.map((item, index) => encodePayload(items, item, `${path}[${index}]`, context)) : value;
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw new ValidationError(path, 'type', 'must be an object', context);
      }
      return constraint.items ? encodePayload(constraint.items, value, path, context) : value;
    }
  }
}

function checkEnum(constraint: FieldConstraint, value: unknown, path: string, context: ClientErrorContext): void {
  if (constraint.enum && !constraint.enum.includes(value)) {
    throw new ValidationError(path, 'enum', `must be one of ${constraint.enum.join(', ')}`, context);
  }
}

function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
