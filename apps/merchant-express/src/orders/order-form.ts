import {
  countryCodeTable,
  currencyCodeTable,
  FEE_TYPES,
  type FeeTypeChoice,
  isKnownCountryCode,
} from '@etkit/constants';
import { isValidAmount } from './amount.js';
import type { NewOrder } from './repository.js';

/** The raw form, as the browser sent it (all text), kept to re-fill the form after an error. */
export type OrderFormValues = Record<
  | 'studentFirstName'
  | 'studentLastName'
  | 'studentEmail'
  | 'schoolName'
  | 'countryCode'
  | 'feeType'
  | 'amount'
  | 'currencyCode',
  string
>;

export const emptyOrderForm: OrderFormValues = {
  studentFirstName: '',
  studentLastName: '',
  studentEmail: '',
  schoolName: '',
  countryCode: 'GBR',
  feeType: String(FEE_TYPES[0]?.value ?? ''),
  amount: '',
  currencyCode: 'GBP',
};

/** Latin letters, spaces, apostrophes, dots and hyphens: what ET's `*_name_en` fields take (≤ 50 each). */
const LATIN_NAME = /^[A-Za-z][A-Za-z .'-]{0,49}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;
const CURRENCY = /^[A-Z]{3}$/;

export function readOrderForm(body: unknown): OrderFormValues {
  const source = (body ?? {}) as Record<string, unknown>;
  const field = (name: keyof OrderFormValues) => {
    const value = source[name];
    return typeof value === 'string' ? value.trim() : '';
  };
  return {
    studentFirstName: field('studentFirstName'),
    studentLastName: field('studentLastName'),
    studentEmail: field('studentEmail'),
    schoolName: field('schoolName'),
    countryCode: field('countryCode'),
    feeType: field('feeType'),
    amount: field('amount'),
    currencyCode: field('currencyCode').toUpperCase(),
  };
}

/**
 * Validates the form against the fee types the site offers; returns the order to create (with the fee type's
 * `fee_type_desc`), or the problems to show next to the form.
 */
export function validateOrderForm(
  values: OrderFormValues,
  feeTypes: readonly FeeTypeChoice[] = FEE_TYPES,
): { order: NewOrder; feeTypeDescription: string } | { errors: string[] } {
  const errors: string[] = [];
  if (!LATIN_NAME.test(values.studentFirstName)) errors.push('Given name: Latin letters, up to 50 characters.');
  if (!LATIN_NAME.test(values.studentLastName)) errors.push('Family name: Latin letters, up to 50 characters.');
  if (values.studentEmail.length > 50 || !EMAIL.test(values.studentEmail)) {
    errors.push('Email: a valid address, up to 50 characters.');
  }
  if (values.schoolName === '' || values.schoolName.length > 200)
    errors.push('School: required, up to 200 characters.');
  if (!isKnownCountryCode(values.countryCode)) errors.push('Country: choose one from the list.');
  const feeType = feeTypes.find((entry) => String(entry.value) === values.feeType);
  if (feeType === undefined) errors.push('Fee type: choose one from the list.');
  if (!isValidAmount(values.amount)) {
    errors.push('Amount: a positive number with at most two decimals, e.g. 12500.00 (no thousands separators).');
  }
  if (!CURRENCY.test(values.currencyCode)) errors.push('Currency: a three-letter code such as GBP.');
  if (errors.length > 0 || feeType === undefined) return { errors };
  return {
    order: {
      studentFirstName: values.studentFirstName,
      studentLastName: values.studentLastName,
      studentEmail: values.studentEmail,
      schoolName: values.schoolName,
      countryCode: values.countryCode,
      feeType: feeType.value,
      amount: values.amount,
      currencyCode: values.currencyCode,
    },
    feeTypeDescription: feeType.description,
  };
}

export const formChoices = {
  countries: countryCodeTable.entries,
  currencies: currencyCodeTable.entries,
};
