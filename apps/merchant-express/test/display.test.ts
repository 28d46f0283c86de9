import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { feeTypeText } from '../src/display/site-display.js';
import { parseDisplayTimeZone } from '../src/display/time-zone.js';
import { configProblems as problemsOf, validEnv } from './support/config-env.js';

// 2026-12-05 23:30:05 UTC: the next day in Beijing, the same day in London (GMT in December).
const instant = new Date(Date.UTC(2026, 11, 5, 23, 30, 5));

describe('display time zone', () => {
  it('formats fixed offsets and IANA zones, naming the zone', () => {
    expect(parseDisplayTimeZone('UTC+8')?.format(instant)).toBe('2026-12-06 07:30:05 UTC+8');
    expect(parseDisplayTimeZone('UTC')?.format(instant)).toBe('2026-12-05 23:30:05 UTC');
    expect(parseDisplayTimeZone('UTC-05:30')?.format(instant)).toBe('2026-12-05 18:00:05 UTC-05:30');
    expect(parseDisplayTimeZone('Asia/Shanghai')?.format(instant)).toBe('2026-12-06 07:30:05 Asia/Shanghai');
    expect(parseDisplayTimeZone('Europe/London')?.format(instant)).toBe('2026-12-05 23:30:05 Europe/London');
    for (const bad of ['UTC+15', 'UTC+8:60', 'Mars/Olympus', 'GMT+8 ', ''])
      expect(parseDisplayTimeZone(bad)).toBeUndefined();
  });

  it('defaults to UTC+8, ET’s zone, and takes DISPLAY_TIME_ZONE', () => {
    expect(loadConfig(validEnv).display.timeZone.name).toBe('UTC+8');
    expect(loadConfig({ ...validEnv, DISPLAY_TIME_ZONE: 'Europe/London' }).display.timeZone.format(instant)).toBe(
      '2026-12-05 23:30:05 Europe/London',
    );
    expect(problemsOf({ ...validEnv, DISPLAY_TIME_ZONE: 'Mars/Olympus' })).toEqual([
      'DISPLAY_TIME_ZONE must be UTC, a UTC offset such as UTC+8 or UTC-05:30, or an IANA zone such as Europe/London',
    ]);
  });
});

describe('fee types offered', () => {
  it('are the published ones by default, plus MERCHANT_FEE_TYPES, each with one label', () => {
    expect(loadConfig(validEnv).display.feeTypes.map((entry) => entry.label)).toEqual(['Rent (房租)']);
    const display = loadConfig({ ...validEnv, MERCHANT_FEE_TYPES: '{"12":"Tuition (学费)","13":"Deposit"}' }).display;
    expect(display.feeTypes.map(({ value, label, description }) => ({ value, label, description }))).toEqual([
      { value: 7, label: 'Rent (房租)', description: '房租' },
      { value: 12, label: 'Tuition (学费)', description: 'Tuition (学费)' },
      { value: 13, label: 'Deposit', description: 'Deposit' },
    ]);
    expect(feeTypeText(display, 12)).toBe('Tuition (学费)');
    // An order whose code is no longer configured still has a name.
    expect(feeTypeText(display, 99)).toBe('Fee type 99');
  });

  it('refuses malformed MERCHANT_FEE_TYPES and a published code redefined', () => {
    const shape =
      'MERCHANT_FEE_TYPES must be a JSON object of fee_type codes and labels (at most 100 characters), e.g. {"12":"Tuition (学费)"}';
    for (const bad of ['[1]', '{"x":"A"}', '{"12":5}', '{}', 'not json', `{"12":"${'x'.repeat(101)}"}`]) {
      expect(problemsOf({ ...validEnv, MERCHANT_FEE_TYPES: bad })).toEqual([shape]);
    }
    expect(problemsOf({ ...validEnv, MERCHANT_FEE_TYPES: '{"7":"Housing"}' })).toEqual([
      'MERCHANT_FEE_TYPES must not redefine a published fee_type (7 Rent (房租))',
    ]);
    expect(problemsOf({ ...validEnv, MERCHANT_FEE_TYPES: '{"12":" "}' })).toEqual([
      'MERCHANT_FEE_TYPES: every code needs a non-empty label',
    ]);
  });
});
