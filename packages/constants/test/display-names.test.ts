import { describe, expect, it } from 'vitest';
import { countryAlpha2, countryCodeTable, countryDisplayName, currencyDisplayName } from '../src/index.js';

// These expectations come from the platform's ICU data: run them on a Node built with full ICU (the default).
describe('display names (Intl.DisplayNames)', () => {
  it('the runtime has full ICU', () => {
    expect(new Intl.DisplayNames(['zh'], { type: 'region' }).of('GB')).toBe('英国');
  });

  it('maps every listed alpha-3 country to an alpha-2 code the platform names', () => {
    const listed = countryCodeTable.entries.map((entry) => entry.value);
    expect(Object.keys(countryAlpha2).sort()).toEqual([...listed].sort());
    for (const code of listed) {
      expect(countryAlpha2[code]).toMatch(/^[A-Z]{2}$/);
      // The alpha-2 code names a real region: the platform has a name for it in both locales.
      expect(countryDisplayName(code, 'en')).toMatch(/\S/);
      expect(countryDisplayName(code, 'zh')).toMatch(/\S/);
    }
    expect(new Set(Object.values(countryAlpha2)).size).toBe(listed.length);
  });

  it('names countries in en and zh, separately from the provider label', () => {
    expect(countryDisplayName('GBR', 'en')).toBe('United Kingdom');
    expect(countryDisplayName('GBR', 'zh')).toBe('英国');
    expect(countryDisplayName('USA', 'en')).toBe('United States');
    expect(countryDisplayName('DEU', 'zh')).toBe('德国');
    expect(countryDisplayName('CHN', 'zh')).toBe('中国');
    expect(countryDisplayName('GBR')).toBe('United Kingdom');
    expect(countryCodeTable.entries.find((entry) => entry.value === 'USA')?.en).toBe('America');
  });

  it('returns undefined for a code outside the known table', () => {
    expect(countryDisplayName('BRA', 'en')).toBeUndefined();
    expect(countryDisplayName('GB', 'en')).toBeUndefined();
    expect(countryDisplayName('', 'zh')).toBeUndefined();
  });

  it('names currencies, showing the provider’s RMB as CNY', () => {
    expect(currencyDisplayName('GBP', 'en')).toBe('British Pound');
    expect(currencyDisplayName('GBP', 'zh')).toBe('英镑');
    expect(currencyDisplayName('RMB', 'en')).toBe('Chinese Yuan');
    expect(currencyDisplayName('RMB', 'zh')).toBe('人民币');
    expect(currencyDisplayName('RMB', 'en')).toBe(currencyDisplayName('CNY', 'en'));
    expect(currencyDisplayName('EUR', 'zh')).toBe('欧元');
  });

  it('returns undefined for codes that are not ISO-shaped or unknown to the platform', () => {
    for (const code of ['gbp', 'GB', 'GBPX', '', 'XQQ', '€']) expect(currencyDisplayName(code, 'en')).toBeUndefined();
  });
});
