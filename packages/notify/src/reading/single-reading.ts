/**
 * The rule that keeps a signed notification from being re-cut into another one (README, Security): a verified
 * notification is handed on only when its signed string has exactly one reading that fits the protocol, and the
 * fields presented are that reading.
 */
import type { NotificationRule } from '@etkit/crypto';
import { quoteName, type WireFields } from '../body/wire-fields.js';
import { type ClassifiedNotification, classifyFields, kindOf } from '../classify.js';
import { type KeptBody, NotificationError } from '../errors.js';
import { ambiguousKeyOf, idempotencyKeyOf } from '../idempotency-key.js';
import { canFoldIntoFreeText } from './fold-into-free-text.js';
import { countReadings, FREE_TEXT_FIELDS, isFieldName } from './readings.js';

/**
 * Classifies verified fields when they are the only reading of their signed string that fits the protocol.
 * Throws AMBIGUOUS when another reading fits too, when the fields could only be a re-cut (an `&` outside free
 * text), or when too many cuts are possible to rule the others out; MALFORMED when no reading fits. `keepBody`
 * gives the raw body, kept on those errors for a person to look at (called on refusal only).
 */
export function classifySingleReading(
  fields: WireFields,
  rule: NotificationRule,
  keepBody: () => KeptBody = keepNothing,
): ClassifiedNotification {
  let ampersandAnywhere = false;
  for (const name of Object.keys(fields)) {
    if (name === 'sign') continue;
    if (!isFieldName(name)) {
      if (name.includes('&') || name.includes('=')) throw ambiguous('a field name holds & or =', fields, keepBody);
      throw new NotificationError('MALFORMED', `The field name ${quoteName(name)} is not letters, digits and _`);
    }
    if (!fields[name]!.includes('&')) continue;
    ampersandAnywhere = true;
    if (!FREE_TEXT_FIELDS.has(name)) {
      throw ambiguous(
        `the field ${name} holds &, which only free text may (a re-cut can put it there)`,
        fields,
        keepBody,
      );
    }
  }
  if (ampersandAnywhere && fields['order_id'] === undefined) {
    throw ambiguous('it has no order_id and holds & (a re-cut can swallow order_id into free text)', fields, keepBody);
  }

  // Walk the cuts only when another one is possible at all (see classifyOnlyReading).
  if (ampersandAnywhere || canFoldIntoFreeText(fields, rule)) return classifyByWalk(fields, rule, keepBody);
  return classifyOnlyReading(fields, keepBody);
}

/**
 * The full check: counts every fitting reading of the fields' signed string and classifies the fields only when
 * they are the one. Needs the checks at the top of classifySingleReading done (field names, `&` only in free
 * text, order_id when any value holds `&`). Exported for the test that compares it with the shortcut.
 */
export function classifyByWalk(
  fields: WireFields,
  rule: NotificationRule,
  keepBody: () => KeptBody = keepNothing,
): ClassifiedNotification {
  const count = countReadings(signedStringOf(fields, rule), rule, fitsProtocol);
  if (count.exhausted) throw ambiguous('too many possible cuts to rule out another reading', fields, keepBody);
  if (count.fitting >= 2) throw ambiguous('another cut of it fits the protocol too', fields, keepBody);

  let classified: ClassifiedNotification;
  try {
    classified = classifyFields(fields);
  } catch (error) {
    if (!(error instanceof NotificationError) || error.code !== 'MALFORMED') throw error;
    if (count.fitting > 0) throw ambiguous('another cut of it fits the protocol, this one does not', fields, keepBody);
    if (count.possible !== 1) throw error;
    throw keptUnreadable(error, fields, keepBody);
  }
  // The presented fields fit, so the walk met them: a count of 0 would be a bug, and a bug must not let them by.
  if (count.fitting !== 1) throw ambiguous('its cuts could not be counted', fields, keepBody);
  return classified;
}

const keepNothing = (): KeptBody => ({});

// A module function, not a closure per call: classifySingleReading runs on every verified notification.
function ambiguous(why: string, fields: WireFields, keepBody: () => KeptBody): NotificationError {
  return new NotificationError('AMBIGUOUS', `The signed string can be read as more than one notification: ${why}`, {
    ambiguous: { idempotencyKey: ambiguousKeyOf(fields), ...keepBody() },
  });
}

// With no `&` in any value, another cut can only let a free-text field swallow the fields after it, and the
// swallowed text then holds `&`; if what follows each free-text field is order_id (or nothing), the swallowing
// reading lacks order_id and is excluded (rule 3). ET's four kinds all look like this: no walk needed.
function classifyOnlyReading(fields: WireFields, keepBody: () => KeptBody): ClassifiedNotification {
  try {
    return classifyFields(fields);
  } catch (error) {
    if (!(error instanceof NotificationError) || error.code !== 'MALFORMED') throw error;
    throw keptUnreadable(error, fields, keepBody);
  }
}

/** ET's own notification, unreadable to this release (no other cut is possible): MALFORMED, fields kept. */
function keptUnreadable(error: NotificationError, fields: WireFields, keepBody: () => KeptBody): NotificationError {
  const kind = kindOf(fields);
  const verified = { kind, idempotencyKey: idempotencyKeyOf(kind, fields), fields, ...keepBody() };
  return new NotificationError('MALFORMED', error.message, { cause: error, verified });
}

/** A reading fits when it reads as its kind: required fields present, fixed formats as documented. */
function fitsProtocol(fields: WireFields): boolean {
  try {
    classifyFields(fields);
    return true;
  } catch (error) {
    if (error instanceof NotificationError) return false;
    throw error;
  }
}

/** The signed string without the salt: names sorted (v2), or in the order received (v1). */
function signedStringOf(fields: WireFields, rule: NotificationRule): string {
  const names = Object.keys(fields).filter((name) => name !== 'sign');
  // Names are ASCII here (checked above), where `<` and code-point order agree.
  if (rule === 'v2') names.sort();
  let text = '';
  for (let i = 0; i < names.length; i++) text += `${i === 0 ? '' : '&'}${names[i]}=${fields[names[i]!]}`;
  return text;
}
