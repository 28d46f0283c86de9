import { type ClientErrorContext, ValidationError } from './errors.js';

/**
 * Text ET echoes into a notification, whose MD5 string joins `name=value` with `&` and escapes nothing
 * (PROTOCOL.md §8). There `&name=` reads as the start of another field: @etkit/notify would have to refuse the
 * notification as ambiguous, and a customer's text shaped like `&order_id=…&pay_result=1` is how a signed
 * notification gets re-cut into a forged one. So such text is refused before anything is sent.
 */
const ECHOED_FREE_TEXT = new Set(['extend_info']);
/** Echoed identifiers: a notification reader accepts no `&` in them at all. */
const ECHOED_IDENTIFIERS = new Set(['refund_order_id']);
const FIELD_START = /&[A-Za-z0-9_]+=/;

/** VALIDATION when `value`, sent as the echoed field `name`, could read as more fields in a notification. */
export function checkEchoedText(name: string, value: unknown, path: string, context: ClientErrorContext): void {
  if (typeof value !== 'string') return;
  if (ECHOED_FREE_TEXT.has(name) && FIELD_START.test(value)) {
    throw new ValidationError(
      path,
      'echoed',
      'must not contain "&" followed by a field name and "=": ET echoes it into notifications, whose signed ' +
        'string would then read as more than one notification (refused by @etkit/notify as AMBIGUOUS)',
      context,
    );
  }
  if (ECHOED_IDENTIFIERS.has(name) && value.includes('&')) {
    throw new ValidationError(
      path,
      'echoed',
      'must not contain "&": ET echoes it into refund notifications, where "&" separates fields',
      context,
    );
  }
}
