/** How one payload field is constrained by openapi.yaml. `decimal` is a `DecimalAmount` (decimal string). */
export interface FieldConstraint {
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'decimal' | 'array' | 'object';
  readonly maxLength?: number;
  readonly enum?: readonly unknown[];
  /** For `array` and `object` fields: the payload schema of the items / the object. */
  readonly items?: string;
  /** Personal data (`x-etkit-sensitive: true`): redacted in hooks and logs, never echoed in errors. */
  readonly sensitive?: true;
}

/** Constraints of one payload schema. */
export interface PayloadSchema {
  readonly required: readonly string[];
  readonly additionalProperties: boolean;
  readonly properties: Readonly<Record<string, FieldConstraint>>;
}

/** One entry of `x-etkit-operations`. */
export interface OperationInfo {
  /** The documented server_type, or null when the merchant's profile must supply it. */
  readonly serverType: string | null;
  readonly serverTypeFromProfile: boolean;
  readonly summary: string;
  /** `read` operations may be retried; `write` operations are never retried once they may have reached ET. */
  readonly kind: 'read' | 'write';
  readonly dataSchema: string;
  readonly sensitiveSchema: string | null;
  readonly resultSchema: string;
  /** Where the result items are: `data` list, or the decrypted `sensitive_data` list. */
  readonly resultIn: 'data-or-sensitive' | 'sensitive';
  /** Documented maximum length (characters) of each request field that has one (`data` and `sensitive_data`). */
  readonly fieldLimits: Readonly<Record<string, number>>;
  /** Request fields holding personal data (`x-etkit-sensitive`): never in plaintext `data`, redacted in logs. */
  readonly sensitiveFields: readonly string[];
  /** Request fields that are `DecimalAmount`s: decimal strings in SDK types, exact JSON numbers on the wire. */
  readonly decimalFields: readonly string[];
  /** Result fields that are `DecimalAmount`s. */
  readonly resultDecimalFields: readonly string[];
}
