/**
 * Whether a free-text field of a notification could swallow the fields after it in another cut of its signed
 * string: true when a free-text field is followed, in signing order, by a field other than order_id (README,
 * Security). When no value holds `&` and this is false, no other cut is possible and the walk over the cuts
 * (readings.ts) is skipped: ET's four documented kinds all look like that.
 */
import type { NotificationRule } from '@etkit/crypto';
import type { WireFields } from '../body/wire-fields.js';
import { FREE_TEXT_FIELDS } from './readings.js';

const [FIRST_FREE_TEXT, SECOND_FREE_TEXT] = [...FREE_TEXT_FIELDS] as [string, string];

/**
 * Decides in one pass over the names, without sorting or copying them: this runs on every verified
 * notification. Under v2 the field after a free-text field is the least name above it (names are distinct, and
 * `<` compares as the sort does); under v1 it is the next name received. `sign` is not signed and is skipped.
 */
export function canFoldIntoFreeText(fields: WireFields, rule: NotificationRule): boolean {
  if (rule === 'v1') {
    let previous: string | undefined;
    for (const name of Object.keys(fields)) {
      if (name === 'sign') continue;
      if (previous !== undefined && FREE_TEXT_FIELDS.has(previous) && name !== 'order_id') return true;
      previous = name;
    }
    return false;
  }
  let firstPresent = false;
  let secondPresent = false;
  let afterFirst: string | undefined;
  let afterSecond: string | undefined;
  for (const name of Object.keys(fields)) {
    if (name === 'sign') continue;
    if (name === FIRST_FREE_TEXT) firstPresent = true;
    else if (name > FIRST_FREE_TEXT && (afterFirst === undefined || name < afterFirst)) afterFirst = name;
    if (name === SECOND_FREE_TEXT) secondPresent = true;
    else if (name > SECOND_FREE_TEXT && (afterSecond === undefined || name < afterSecond)) afterSecond = name;
  }
  return (
    (firstPresent && afterFirst !== undefined && afterFirst !== 'order_id') ||
    (secondPresent && afterSecond !== undefined && afterSecond !== 'order_id')
  );
}
