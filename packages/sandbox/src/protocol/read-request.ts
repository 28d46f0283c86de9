import { parseRawJsonObject, type RawJsonValue } from '@etkit/crypto';

/**
 * A request body, read once: the text (a signature covers it exactly) and, when it is a JSON object, its
 * top-level fields with their wire text. Every later step (picking the merchant's faults, the envelope checks)
 * looks at this reading instead of parsing the body again.
 */
export interface RequestReading {
  readonly body: string;
  /** undefined when the body is not a JSON object: the answer is a malformed-request error. */
  readonly fields: Readonly<Record<string, RawJsonValue>> | undefined;
}

export function readRequest(body: string): RequestReading {
  try {
    return { body, fields: parseRawJsonObject(body) };
  } catch {
    return { body, fields: undefined };
  }
}

/** A top-level field's text when it is a JSON string, else undefined. */
export function textOf(fields: Readonly<Record<string, RawJsonValue>> | undefined, name: string): string | undefined {
  const field = fields?.[name];
  return field?.type === 'string' ? field.text : undefined;
}
