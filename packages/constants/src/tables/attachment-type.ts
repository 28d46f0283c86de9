import { parseKnownIntegerConstant } from '../parse.js';
import { constantLabel, defineTable, findEntry, type KnownValueOf, type Locale } from '../table.js';
import { attachmentTypeSpec } from './spec-tables.generated.js';

/**
 * `attachment_type` (wire type: int).
 * Complete table: the type is a closed union.
 */
export const attachmentTypeTable = defineTable(attachmentTypeSpec);

/** A value of `attachment_type`: the table is complete, so only these values exist. */
export type AttachmentType = KnownValueOf<typeof attachmentTypeTable>;

/** Whether `value` is a known `attachment_type` value (strict: no text-to-number conversion). */
export function isKnownAttachmentType(value: unknown): value is AttachmentType {
  return findEntry(attachmentTypeTable, value) !== undefined;
}

/**
 * Label of a value of `attachment_type`: `zh` falls back to the English label where the provider gave no Chinese one;
 * `undefined` for a value the table does not know.
 */
export function attachmentTypeLabel(value: AttachmentType, locale?: Locale): string;
export function attachmentTypeLabel(value: unknown, locale?: Locale): string | undefined;
export function attachmentTypeLabel(value: unknown, locale: Locale = 'en'): string | undefined {
  return constantLabel(attachmentTypeTable, value, locale);
}

/**
 * Reads a value of `attachment_type` sent as a number (`1`) or as decimal text (`"1"`).
 * @throws {InvalidConstantError} `INVALID_CONSTANT` for anything but a canonical integer of this table.
 */
export function parseAttachmentType(value: number | string): AttachmentType {
  return parseKnownIntegerConstant(attachmentTypeTable, value);
}
