import { isEtkitCryptoError, type ProtocolProfile, parseRawJsonObject } from '@etkit/crypto';
import { NotificationError } from '../errors.js';
import { type WireFields, WireFieldsBuilder } from './wire-fields.js';

/**
 * application/json: one flat object. Each value keeps the text the signature covers (crypto's
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
    members = parseRawJsonObject(text);
  } catch (error) {
    if (isEtkitCryptoError(error)) {
      throw new NotificationError('MALFORMED', 'The JSON body is not a valid JSON object', { cause: error });
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
