/**
 * Money is a decimal string from the form to the database (NUMERIC) to the wire: never a binary float.
 * An amount is a positive number with at most 12 integer digits and 2 decimals, written without a sign,
 * exponent or grouping, e.g. `12500` or `12500.00`.
 */
const AMOUNT = /^(?:0|[1-9]\d{0,11})(?:\.\d{1,2})?$/;

export function isValidAmount(text: string): boolean {
  return AMOUNT.test(text) && /[1-9]/.test(text);
}

/** For people: thousands separators on the digits as stored (no rounding, no float), then the currency. */
export function formatAmount(amount: string, currency: string): string {
  const [whole = '0', fraction = ''] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped}${fraction === '' ? '' : `.${fraction}`} ${currency}`;
}
