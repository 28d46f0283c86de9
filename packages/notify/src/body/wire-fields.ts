import { NotificationError } from '../errors.js';
import type { WireFields } from '../notification-types.js';

// The type lives with the notification types (a leaf module); the readers here build it.
export type { WireFields } from '../notification-types.js';

/**
 * Most fields a body may carry, `sign` included. ET's notifications carry 5 to 8 (PROTOCOL.md §8), and kinds ET
 * adds later are read too, so the bound is generous; it exists so that a body of thousands of tiny fields is
 * refused at the 65th instead of being read whole.
 */
export const MAX_NOTIFICATION_FIELDS = 64;
/** Longest field name; ET's are at most 22 characters (`remittance_voucher_url`). */
export const MAX_FIELD_NAME_LENGTH = 64;

/**
 * Collects fields into a null-prototype object (a field named `__proto__` stays a field), refusing a repeated
 * name (two readers could disagree on which occurrence was signed), an empty or over-long name, and the field
 * past {@link MAX_NOTIFICATION_FIELDS}. The parsers add fields as they read them, so the refusal comes early.
 */
export class WireFieldsBuilder {
  // Null prototype: `in` sees own fields only, and `__proto__` or `constructor` are ordinary names.
  private readonly fields: Record<string, string> = Object.create(null);
  private count = 0;

  add(name: string, value: string): void {
    if (name === '') throw new NotificationError('MALFORMED', 'A notification field has an empty name');
    if (name.length > MAX_FIELD_NAME_LENGTH) {
      throw new NotificationError(
        'MALFORMED',
        `A notification field name is longer than ${MAX_FIELD_NAME_LENGTH} characters`,
      );
    }
    if (this.count === MAX_NOTIFICATION_FIELDS) {
      throw new NotificationError('MALFORMED', `The notification has more than ${MAX_NOTIFICATION_FIELDS} fields`);
    }
    if (name in this.fields) {
      throw new NotificationError('MALFORMED', `The notification repeats the field ${quoteName(name)}`);
    }
    this.fields[name] = value;
    this.count++;
  }

  build(): WireFields {
    return this.fields;
  }
}

/** A field name for an error message: names are protocol vocabulary, but a garbage body may carry anything. */
export function quoteName(name: string): string {
  return /^[A-Za-z0-9_]{1,64}$/.test(name) ? name : '(a field with an unexpected name)';
}
