import type { Locale } from './table.js';
import { countryAlpha2 } from './tables/country-alpha2.js';
import { isKnownCountryCode } from './tables/country-code.js';

/**
 * The provider writes `RMB` for the Chinese yuan, which is not an ISO 4217 code; `Intl` only knows `CNY`.
 * Display only: the wire value stays `RMB`.
 */
const ISO_CURRENCY_FOR_DISPLAY: Readonly<Record<string, string>> = Object.freeze({ RMB: 'CNY' });

const ISO_CURRENCY = /^[A-Z]{3}$/;

// Intl.DisplayNames objects are costly to build; keep one per (type, locale).
const cache = new Map<string, Intl.DisplayNames | null>();

function displayNames(type: 'region' | 'currency', locale: Locale): Intl.DisplayNames | null {
  const key = `${type}:${locale}`;
  let names = cache.get(key);
  if (names === undefined) {
    // Some runtimes ship without Intl.DisplayNames (or without the locale's data): degrade to `undefined` names.
    names =
      typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames([locale], { type, fallback: 'none' }) : null;
    cache.set(key, names);
  }
  return names;
}

/**
 * The platform's name (`Intl.DisplayNames`) for a `country_code` (ISO 3166-1 alpha-3) in `locale`, e.g.
 * `GBR` → "United Kingdom" / "英国". The provider's own English name is the table's `en` label instead.
 * Returns `undefined` for a code outside the provider's known table (no alpha-2 mapping) or when the runtime has
 * no display-name data.
 */
export function countryDisplayName(code: string, locale: Locale = 'en'): string | undefined {
  if (!isKnownCountryCode(code)) return undefined;
  return displayNames('region', locale)?.of(countryAlpha2[code]);
}

/**
 * The platform's name (`Intl.DisplayNames`) for a `currency_code` in `locale`, e.g. `GBP` → "British Pound" /
 * "英镑". `RMB` (the provider's non-ISO spelling) is shown as `CNY`. Returns `undefined` for a code that is not
 * three capital letters, that the platform does not know, or when the runtime has no display-name data.
 */
export function currencyDisplayName(code: string, locale: Locale = 'en'): string | undefined {
  const iso = ISO_CURRENCY_FOR_DISPLAY[code] ?? code;
  if (!ISO_CURRENCY.test(iso)) return undefined;
  return displayNames('currency', locale)?.of(iso);
}
