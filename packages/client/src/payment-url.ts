/**
 * Field names tried, in order, for the payment URL. ET's docs do not name the response field (ENDPOINTS.md:
 * UNKNOWN; `pay_url` is the likely name and what etkit's vectors use). Override with the profile's
 * `paymentUrlField` once your account's responses show the real name.
 */
export const paymentUrlFieldCandidates: readonly string[] = [
  'pay_url',
  'payUrl',
  'payment_url',
  'paymentUrl',
  'pay_link',
  'url',
  'jump_url',
  'redirect_url',
  'cashier_url',
];

export interface FoundPaymentUrl {
  url: string;
  /** The field it was read from, e.g. `pay_url`. */
  field: string;
  /** Where: the response's `data` or its decrypted `sensitive_data`. */
  source: 'data' | 'sensitive';
}

/**
 * Reads the payment URL tolerantly: looks through `data` then `sensitive` (each a list of objects, an object, or
 * the URL itself as a string) for the first candidate field holding an http(s) URL.
 */
export function findPaymentUrl(
  data: unknown,
  sensitive: unknown,
  candidates: readonly string[] = paymentUrlFieldCandidates,
): FoundPaymentUrl | undefined {
  return findIn(data, 'data', candidates) ?? findIn(sensitive, 'sensitive', candidates);
}

function findIn(
  payload: unknown,
  source: FoundPaymentUrl['source'],
  candidates: readonly string[],
): FoundPaymentUrl | undefined {
  if (isHttpUrl(payload)) return { url: payload, field: '', source };
  const items = Array.isArray(payload) ? payload : [payload];
  for (const field of candidates) {
    for (const item of items) {
      if (isHttpUrl(item)) return { url: item, field: '', source };
      if (item && typeof item === 'object') {
        const value = (item as Record<string, unknown>)[field];
        if (isHttpUrl(value)) return { url: value, field, source };
      }
    }
  }
  return undefined;
}

function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\//i.test(value);
}
