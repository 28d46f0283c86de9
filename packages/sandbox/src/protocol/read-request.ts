import { type RawJsonValue, type ReadEnvelope, readEnvelope } from '@etkit/crypto';

/**
 * A request body, read once: the text and, when it is a JSON object of at most 64 fields, crypto's reading of it
 * (top-level fields with their wire text). Every later step (picking the merchant's faults, the envelope checks,
 * verifying the signature over those texts) looks at this reading instead of parsing the body again.
 */
export interface RequestReading {
  readonly body: string;
  /** undefined when the body could not be read as an envelope: the answer is a malformed-request error. */
  readonly envelope: ReadEnvelope | undefined;
  readonly fields: Readonly<Record<string, RawJsonValue>> | undefined;
}

export function readRequest(body: string): RequestReading {
  try {
    const envelope = readEnvelope(body);
    return { body, envelope, fields: envelope.fields };
  } catch {
    return { body, envelope: undefined, fields: undefined };
  }
}

/** A top-level field's text when it is a JSON string, else undefined. */
export function textOf(fields: Readonly<Record<string, RawJsonValue>> | undefined, name: string): string | undefined {
  const field = fields?.[name];
  return field?.type === 'string' ? field.text : undefined;
}
