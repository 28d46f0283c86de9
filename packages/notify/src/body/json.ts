import { isEtkitCryptoError, type ProtocolProfile, parseRawJsonObject } from '@etkit/crypto';
import { NotificationError } from '../errors.js';
import { MAX_NOTIFICATION_FIELDS, type WireFields, WireFieldsBuilder } from './wire-fields.js';

/**
 * Deepest nesting read, the body's own object counting 1. A notification is flat (PROTOCOL.md §8); a nested
 * value is still kept as its source text (a kind ET adds later might carry one), but three levels inside the
 * body is already more than any notification needs, and a deeper one is refused before it is read.
 */
export const MAX_JSON_DEPTH = 4;
/**
 * Most JSON values at any depth. Each member's value counts one, and so does each element or member inside a
 * nested value: a flat notification of 64 fields is 64, and a body of thousands of tiny nested numbers is refused
 * when the reader reaches the excess instead of being turned into thousands of objects.
 */
export const MAX_JSON_VALUES = 256;

/**
 * application/json: one flat object (at most 64 members, nested at most {@link MAX_JSON_DEPTH} deep, at most
 * {@link MAX_JSON_VALUES} values in all, each refused as soon as the reader reaches it; linear time). Each value keeps the text the signature covers (crypto's
 * parseRawJsonObject): strings decoded, numbers as written (`10000.00` stays `10000.00`, never `10000`).
 * A `null` member is what `nullMembers` says (profile.notificationNullMembers): left out by default, as the
 * request canonical rule leaves out nulls (§5.3); or an empty value; or the text `null`.
 */
export function parseJsonBody(
  text: string,
  nullMembers: ProtocolProfile['notificationNullMembers'] = 'omit',
): WireFields {
  let members: ReturnType<typeof parseRawJsonObject>;
  try {
    members = parseRawJsonObject(text, {
      maxMembers: MAX_NOTIFICATION_FIELDS,
      maxDepth: MAX_JSON_DEPTH,
      maxValues: MAX_JSON_VALUES,
    });
  } catch (error) {
    if (isEtkitCryptoError(error)) {
      // crypto's messages name the syntax error or the limit, never the text.
      throw new NotificationError('MALFORMED', `The JSON body is not a JSON object notify reads: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
  const fields = new WireFieldsBuilder();
  for (const name of Object.keys(members)) {
    const member = members[name]!;
    if (member.type === 'null') {
      if (nullMembers !== 'omit') fields.add(name, nullMembers === 'empty' ? '' : 'null');
      continue;
    }
    fields.add(name, member.text);
  }
  return fields.build();
}
