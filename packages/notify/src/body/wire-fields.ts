import { NotificationError } from '../errors.js';

/** A notification's fields as text exactly as received (after the body encoding is undone), `sign` included. */
export type WireFields = Readonly<Record<string, string>>;

/**
 * Collects fields into a null-prototype object (a field named `__proto__` stays a field), refusing a repeated
 * name: two readers could disagree on which occurrence was signed.
 */
export class WireFieldsBuilder {
  // Null prototype: `in` sees own fields only, and `__proto__` or `constructor` are ordinary names.
  private readonly fields: Record<string, string> = Object.create(null);

  add(name: string, value: string): void {
    if (name === '') throw new NotificationError('MALFORMED', 'A notification field has an empty name');
    if (name in this.fields) {
      throw new NotificationError('MALFORMED', `The notification repeats the field ${quoteName(name)}`);
    }
    this.fields[name] = value;
  }

  build(): WireFields {
    return this.fields;
  }
}

/** A field name for an error message: names are protocol vocabulary, but a garbage body may carry anything. */
export function quoteName(name: string): string {
  return /^[A-Za-z0-9_]{1,64}$/.test(name) ? name : '(a field with an unexpected name)';
}
