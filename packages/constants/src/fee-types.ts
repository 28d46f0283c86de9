import { InvalidConstantError } from './errors.js';
import { parseIntegerConstant } from './parse.js';
import { findEntry } from './table.js';
import { type FeeType, feeTypeTable, type KnownFeeType } from './tables/fee-type.js';

/** A fee type as pages show it and as `fee_type_list` sends it. */
export interface FeeTypeChoice<V extends FeeType = FeeType> {
  readonly value: V;
  /** The one label for this code on every page, e.g. `Rent (房租)`. */
  readonly label: string;
  /** What to send as `fee_type_desc`: the provider's Chinese label where it published one, else `label`. */
  readonly description: string;
  /** Published by the provider (constants.json), or one of the merchant's own codes. */
  readonly published: boolean;
}

/** A code the merchant agreed with ET for its own account, with the label its pages show. */
export interface MerchantFeeType {
  readonly value: number;
  readonly label: string;
}

const labelOf = (en: string, zh: string | null) => (zh === null || zh === en ? en : `${en} (${zh})`);

/**
 * The fee types the provider published (today only `7`, Rent). The table is open: merchants use codes of their
 * own (see {@link feeTypeChoices}), so a `fee_type` outside this list is valid on the wire.
 */
export const FEE_TYPES: readonly FeeTypeChoice<KnownFeeType>[] = Object.freeze(
  feeTypeTable.entries.map((entry) =>
    Object.freeze({
      value: entry.value,
      label: labelOf(entry.en, entry.zh),
      description: entry.zh ?? entry.en,
      published: true,
    }),
  ),
);

/**
 * The label of a `fee_type`: the published label for a published code; otherwise the description the merchant
 * sent with it (`fee_type_desc`), else `Fee type <n>`. A merchant's page and ET's payment page that both call
 * this show the same words for the same order.
 */
export function feeTypeDisplayLabel(value: FeeType, description?: string): string {
  const entry = findEntry(feeTypeTable, value);
  if (entry !== undefined) return labelOf(entry.en, entry.zh);
  const own = description?.trim();
  return own === undefined || own === '' ? `Fee type ${value}` : own;
}

/**
 * The published fee types followed by the merchant's own codes, in the given order.
 * @throws {InvalidConstantError} `INVALID_CONSTANT`: a code that is not an integer (`not-an-integer`), one the
 *   provider already published or one given twice (`duplicate-value`), or an empty label (`empty-label`).
 */
export function feeTypeChoices(own: readonly MerchantFeeType[] = []): readonly FeeTypeChoice[] {
  const choices: FeeTypeChoice[] = [...FEE_TYPES];
  for (const { value, label } of own) {
    const code = parseIntegerConstant(feeTypeTable.name, value);
    if (choices.some((choice) => choice.value === code)) {
      throw new InvalidConstantError(feeTypeTable.name, 'duplicate-value', value);
    }
    const text = label.trim();
    if (text === '') throw new InvalidConstantError(feeTypeTable.name, 'empty-label', value);
    choices.push(Object.freeze({ value: code, label: text, description: text, published: false }));
  }
  return Object.freeze(choices);
}
