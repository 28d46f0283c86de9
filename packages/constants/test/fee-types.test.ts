import constants from '@etkit/spec/constants.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { FEE_TYPES, feeTypeChoices, feeTypeDisplayLabel, feeTypeTable, isInvalidConstantError } from '../src/index.js';

describe('FEE_TYPES', () => {
  it('lists every published fee_type of constants.json with one label', () => {
    expect(FEE_TYPES.map((entry) => entry.value)).toEqual(constants.fee_type.values.map((entry) => entry.value));
    expect(FEE_TYPES).toEqual([{ value: 7, label: 'Rent (房租)', description: '房租', published: true }]);
    expect(Object.isFrozen(FEE_TYPES)).toBe(true);
    expect(feeTypeTable.complete).toBe(false);
  });
});

describe('feeTypeDisplayLabel', () => {
  it('uses the published label for a published code, whatever description came with it', () => {
    expect(feeTypeDisplayLabel(7)).toBe('Rent (房租)');
    expect(feeTypeDisplayLabel(7, '房租')).toBe('Rent (房租)');
  });

  it("uses the merchant's description for its own code, else names the code", () => {
    expect(feeTypeDisplayLabel(12, ' Tuition (学费) ')).toBe('Tuition (学费)');
    expect(feeTypeDisplayLabel(12, '  ')).toBe('Fee type 12');
    expect(feeTypeDisplayLabel(12)).toBe('Fee type 12');
  });
});

describe('feeTypeChoices', () => {
  it('appends the merchant codes after the published ones, sending their label as the description', () => {
    const choices = feeTypeChoices([{ value: 12, label: 'Tuition (学费)' }]);
    expect(choices).toEqual([
      { value: 7, label: 'Rent (房租)', description: '房租', published: true },
      { value: 12, label: 'Tuition (学费)', description: 'Tuition (学费)', published: false },
    ]);
    // One label on both sides: what a page shows equals what the description makes ET's side show.
    for (const choice of choices) expect(feeTypeDisplayLabel(choice.value, choice.description)).toBe(choice.label);
  });

  it('refuses a published code, a repeated code, a non-integer and an empty label with typed errors', () => {
    const reasonOf = (own: Parameters<typeof feeTypeChoices>[0]) => {
      try {
        feeTypeChoices(own);
      } catch (error) {
        if (isInvalidConstantError(error)) return error.reason;
        throw error;
      }
      return 'accepted';
    };
    expect(reasonOf([{ value: 7, label: 'Housing' }])).toBe('duplicate-value');
    expect(
      reasonOf([
        { value: 12, label: 'A' },
        { value: 12, label: 'B' },
      ]),
    ).toBe('duplicate-value');
    expect(reasonOf([{ value: 1.5, label: 'A' }])).toBe('not-an-integer');
    expect(reasonOf([{ value: 12, label: ' ' }])).toBe('empty-label');
    expect(reasonOf([])).toBe('accepted');
  });
});
