import { isDecimalText, multiplyDecimals } from './decimal.js';

/**
 * Exchange rates the sandbox quotes: `'GBP/RMB': '9.1234'` means 1 GBP = 9.1234 RMB. The default numbers are
 * made up for development; they are not market rates.
 */
export type RateTableInput = Record<string, string>;

export const defaultRates: Readonly<RateTableInput> = {
  'GBP/RMB': '9.1500',
  'USD/RMB': '7.2000',
  'EUR/RMB': '7.8000',
  'AUD/RMB': '4.7000',
  'CAD/RMB': '5.2000',
  'HKD/RMB': '0.9200',
};

export class RateTable {
  private readonly rates = new Map<string, string>();

  constructor(input: RateTableInput = defaultRates) {
    for (const [pair, rate] of Object.entries(input)) {
      if (!/^[A-Z]{3}\/[A-Z]{3}$/.test(pair)) throw new Error(`rate pair must look like GBP/RMB`);
      if (!isDecimalText(rate)) throw new Error(`rate for ${pair} must be a decimal string`);
      this.rates.set(pair, rate);
    }
  }

  /** Rate from → to: the table entry, `1` for the same currency, undefined when unknown. */
  rate(from: string, to: string): string | undefined {
    if (from === to) return '1';
    return this.rates.get(`${from}/${to}`);
  }

  entries(): Array<{ from: string; to: string; rate: string }> {
    return [...this.rates].map(([pair, rate]) => {
      const [from, to] = pair.split('/') as [string, string];
      return { from, to, rate };
    });
  }

  /** amount × rate, two decimals (half up). */
  convert(amount: string, from: string, to: string): string | undefined {
    const rate = this.rate(from, to);
    return rate === undefined ? undefined : multiplyDecimals(amount, rate, 2);
  }
}
