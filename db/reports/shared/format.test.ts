import { describe, expect, it } from 'vitest';
import {
  canonicalLocale,
  count,
  countOf,
  date,
  dateTime,
  decimal,
  displayedGap,
  gapText,
  localeProblem,
  monthLabel,
  percent,
  periodLabel,
  points,
  pointsText,
} from './format';

const NBSP = '\u00a0';

describe('percent', () => {
  it('rounds to whole percentages by default and to one decimal when asked', () => {
    expect(percent(0.894, 'en-GB')).toBe('89%');
    expect(percent(0.895, 'en-GB')).toBe('90%');
    expect(percent(0.894, 'en-GB', 1)).toBe('89.4%');
    expect(percent(0, 'en-GB')).toBe('0%');
    expect(percent(1, 'en-GB')).toBe('100%');
  });
  it('follows the locale', () => {
    expect(percent(0.894, 'de-DE')).toBe(`89${NBSP}%`);
    expect(percent(0.894, 'de-DE', 1)).toBe(`89,4${NBSP}%`);
  });
  it('says "No data" for a figure without data, never 0', () => {
    expect(percent(null, 'en-GB')).toBe('No data');
  });
});

describe('points', () => {
  it('signs with a real minus sign and says "pt" for exactly one point', () => {
    expect(pointsText(18, 'en-GB')).toBe('+18 pts');
    expect(pointsText(1, 'en-GB')).toBe('+1 pt');
    expect(pointsText(-1, 'en-GB')).toBe('−1 pt');
    expect(pointsText(-2, 'en-GB')).toBe('−2 pts');
    expect(pointsText(0, 'en-GB')).toBe('0 pts');
    expect(pointsText(-0.4, 'en-GB')).toBe('0 pts');
    expect(pointsText(1.5, 'de-DE', 1)).toBe('+1,5 pts');
    expect(pointsText(1234, 'de-DE')).toBe('+1.234 pts');
  });
  it('turns a difference of shares into points', () => {
    expect(points(0.188, 'en-GB')).toBe('+19 pts');
    expect(points(-0.012, 'en-GB', 1)).toBe('−1.2 pts');
    expect(points(null, 'en-GB')).toBe('No data');
  });
});

describe('displayed gap', () => {
  it('is the difference of the displayed figures, so the header adds up', () => {
    // formal 0.8949 shows 89%, real 0.7051 shows 71%: the raw gap 0.1898 would show +19 pts, 89 − 71 = 18.
    expect(percent(0.8949, 'en-GB')).toBe('89%');
    expect(percent(0.7051, 'en-GB')).toBe('71%');
    expect(displayedGap(0.8949, 0.7051)).toBe(18);
    expect(gapText(0.8949, 0.7051, 'en-GB')).toBe('+18 pts');
    // The case of issue 13: 89% and 70% from 0.894 and 0.704 (raw 0.19 → "+19"), shown as +19.
    expect(gapText(0.894, 0.704, 'en-GB')).toBe('+19 pts');
    expect(gapText(0.7, 0.71, 'en-GB')).toBe('−1 pt');
    expect(gapText(0.8949, 0.7051, 'en-GB', 1)).toBe('+19.0 pts');
    expect(gapText(null, 0.5, 'en-GB')).toBe('No data');
  });
});

describe('counts and decimals', () => {
  it('groups thousands the locale’s way', () => {
    expect(count(1234, 'en-GB')).toBe('1,234');
    expect(count(1234, 'de-DE')).toBe('1.234');
    expect(count(1234567, 'de-DE')).toBe('1.234.567');
    expect(decimal(0.35, 'de-DE')).toBe('0,35');
    expect(decimal(0.35, 'en-GB')).toBe('0.35');
    expect(countOf(1, 'en-GB', 'row')).toBe('1 row');
    expect(countOf(1234, 'de-DE', 'row')).toBe('1.234 rows');
    expect(countOf(2, 'en-GB', 'process', 'processes')).toBe('2 processes');
  });
});

describe('dates', () => {
  it('writes months, dates and moments the locale’s way', () => {
    expect(monthLabel('2026-11', 'en-GB')).toBe('Nov 2026');
    expect(monthLabel('2026-11', 'de-DE')).toBe('Nov. 2026');
    expect(monthLabel('2026-11', 'en-GB', true)).toBe('November 2026');
    expect(periodLabel('2026-01', '2026-11', 'en-GB')).toBe('Jan 2026 to Nov 2026');
    expect(periodLabel('2026-11', '2026-11', 'en-GB')).toBe('Nov 2026');
    expect(date('2026-11-30', 'en-GB')).toBe('30 Nov 2026');
    expect(date('2026-11-30', 'de-DE')).toBe('30. Nov. 2026');
    expect(date('2026-11-30', 'en-US')).toBe('Nov 30, 2026');
    expect(dateTime('2026-11-30T10:05:00Z', 'en-GB', 'UTC')).toBe('30 Nov 2026, 10:05 UTC');
    expect(dateTime('2026-11-30T10:05:00Z', 'de-DE', 'UTC')).toBe('30. Nov. 2026, 10:05 UTC');
  });
});

describe('locales', () => {
  it('canonicalises good tags and refuses bad ones with a clear message', () => {
    expect(canonicalLocale('en-gb')).toBe('en-GB');
    expect(canonicalLocale('de-DE')).toBe('de-DE');
    expect(canonicalLocale('en_GB')).toBeNull();
    expect(canonicalLocale('')).toBeNull();
    expect(localeProblem('de-DE')).toBeNull();
    expect(localeProblem('english')).toMatch(/"english" is not a locale.*en-GB/);
  });
});
