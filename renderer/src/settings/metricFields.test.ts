import { describe, expect, it } from 'vitest';
import { ALERT_TITLES } from '../../../db/reports/shared/alerts';
import { alertsNamed, display, parseTyped, THRESHOLD_FIELDS, toText } from './metricFields';

describe('parseTyped', () => {
  it('reads a weight exactly as typed, with no step or rounding', () => {
    expect(parseTyped('weight', '0.8')).toEqual({ value: 0.8 });
    expect(parseTyped('weight', '0.4')).toEqual({ value: 0.4 });
    expect(parseTyped('weight', '0.')).toEqual({ value: 0 });
    expect(parseTyped('weight', '.125')).toEqual({ value: 0.125 });
    expect(parseTyped('weight', ' 0,3 ')).toEqual({ value: 0.3 });
  });

  it('keeps an out-of-range value so the form can say the range', () => {
    expect(parseTyped('weight', '2')).toEqual({ value: 2 });
    expect(parseTyped('weight', '-1')).toEqual({ value: -1 });
    expect(parseTyped('percent', '150')).toEqual({ value: 1.5 });
  });

  it('says why a text is not a value', () => {
    expect(parseTyped('weight', '')).toEqual({ error: 'Enter a number' });
    expect(parseTyped('weight', '0.4x')).toEqual({ error: '“0.4x” is not a number' });
    expect(parseTyped('weight', '0.12345')).toEqual({ error: 'Use at most 4 decimals' });
    expect(parseTyped('percent', '12.345')).toEqual({ error: 'Use at most 2 decimals' });
    expect(parseTyped('count', '2.5')).toEqual({ error: 'Enter a whole number' });
  });

  it('reads percentages with or without the sign, and counts with thousands separators', () => {
    expect(parseTyped('percent', '75')).toEqual({ value: 0.75 });
    expect(parseTyped('percent', '28.99%')).toEqual({ value: 0.2899 });
    expect(parseTyped('count', '1,000')).toEqual({ value: 1000 });
  });

  it('round-trips what the box shows', () => {
    for (const [unit, v] of [
      ['weight', 0.25],
      ['percent', 0.05],
      ['count', 30],
    ] as const) {
      expect(parseTyped(unit, toText(unit, v))).toEqual({ value: v });
    }
  });
});

describe('display', () => {
  it('states a value the way the chosen locale writes it', () => {
    expect(display('percent', 0.5, 'en-GB')).toBe('50%');
    expect(display('percent', 0.125, 'en-GB')).toBe('12.5%');
    expect(display('percent', 0.5, 'de-DE')).toBe('50\u00a0%');
    expect(display('percent', 0.125, 'de-DE')).toBe('12,5\u00a0%');
    expect(display('weight', 0.25, 'de-DE')).toBe('0,25');
    expect(display('count', 1000, 'de-DE')).toBe('1.000');
  });
});

describe('what a threshold drives', () => {
  it('names its report alerts by the titles the report gives them, never by their codes', () => {
    expect(alertsNamed('AUTOMATION_BIAS_RISK')).toBe('Automation-bias risk alert');
    expect(alertsNamed('HIGH_OVERRIDE', 'AUTOMATION_BIAS_RISK')).toBe('High override rate and Automation-bias risk alerts');
    const drives = Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f.key, f.drives]));
    expect(drives.lowOverrideRate).toBe(`${ALERT_TITLES.AUTOMATION_BIAS_RISK} alert`);
    expect(drives.habitualOverrideRate).toBe('Habitual overriders alert');
    expect(drives.championCoverage).toBe('No report alert');
    for (const f of THRESHOLD_FIELDS) expect(f.drives, f.key).not.toMatch(/[A-Z]+_[A-Z]+/);
  });
});
