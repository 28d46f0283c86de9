/**
 * @etkit/openapi — the OpenAPI 3.1 description of the EasyTransfer Open API and what is generated from it:
 * TypeScript types (openapi-typescript) and plain-data tables (operations, payload constraints, sensitive
 * fields). The document itself ships as `@etkit/openapi/openapi.yaml` and `@etkit/openapi/openapi.json`.
 */
export type * from './openapi.generated.js';
export {
  type DocumentedServerType,
  decimalAmountPattern,
  type OperationName,
  type OperationTypes,
  operationByServerType,
  operationNames,
  operations,
  type PayloadSchemaName,
  type ProfileOperationName,
  payloadSchemas,
  secretFieldNames,
  sensitiveFieldNames,
} from './spec.generated.js';
export type { FieldConstraint, OperationInfo, PayloadSchema } from './spec-types.js';
