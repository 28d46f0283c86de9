import type { FieldConstraint } from '@etkit/openapi';
import { decimalAmountPattern, type PayloadSchemaName, payloadSchemas } from '@etkit/openapi';
import { SandboxApiError } from '../errors.js';
import { sandboxStatusCodes } from '../protocol/codes.js';

// The rule of openapi.yaml's `DecimalAmount`.
const decimalPattern = new RegExp(decimalAmountPattern);
const integerPattern = /^-?\d{1,15}$/;

function typeMatches(constraint: FieldConstraint, value: unknown): boolean {
  switch (constraint.type) {
    case 'string':
      // Sandbox leniency: a JSON number in a string field is read by its text. How ET treats it is not documented.
      return typeof value === 'string' || typeof value === 'number';
    case 'integer':
      return Number.isInteger(value) || (typeof value === 'string' && integerPattern.test(value));
    case 'decimal':
      // parseJsonLossless hands over a number either as a number (130) or as its exact text ('10000.00').
      return (
        (typeof value === 'number' && Number.isFinite(value)) ||
        (typeof value === 'string' && decimalPattern.test(value))
      );
    case 'number':
      return typeof value === 'number' || (typeof value === 'string' && decimalPattern.test(value));
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

/**
 * Checks a payload against its schema in @etkit/openapi (the same constraint table the client validates
 * with): required fields, types, ENDPOINTS.md length limits and enums. Errors name the field, never its value.
 */
export function checkPayload(schemaName: PayloadSchemaName, fields: Record<string, unknown>, operation: string): void {
  const schema = payloadSchemas[schemaName];
  const invalid = (message: string) => new SandboxApiError(sandboxStatusCodes.fieldInvalid, `${operation}: ${message}`);
  for (const name of schema.required) {
    const value = fields[name];
    if (value === undefined || value === null || value === '') throw invalid(`${name} is required`);
  }
  for (const [name, constraint] of Object.entries(schema.properties) as Array<[string, FieldConstraint]>) {
    const value = fields[name];
    if (value === undefined || value === null) continue;
    if (!typeMatches(constraint, value)) throw invalid(`${name} must be of type ${constraint.type}`);
    if (constraint.maxLength !== undefined && [...String(value)].length > constraint.maxLength) {
      throw invalid(`${name} is longer than ${constraint.maxLength} characters`);
    }
    if (constraint.enum && !constraint.enum.includes(constraint.type === 'integer' ? Number(value) : value)) {
      throw invalid(`${name} is not one of the documented values`);
    }
  }
}
