import { describe, expect, it } from 'vitest';
import { DATE_FILTERS, offersFilter, passesFieldFilter } from './fieldFilters';

const bounds = { today: '2026-12-01', soon: '2026-12-31' };
const pass = (value: unknown, filter: string) => passesFieldFilter('date', value, filter, bounds);

describe('the register’s custom-field filters', () => {
  it('a date field’s filter sorts each date into one band as of today: before it, the next 30 days (both ends), later, or none', () => {
    const dates = ['2026-11-30', '2026-12-01', '2026-12-31', '2027-01-01', null, ''];
    const bands = (value: string | null) => DATE_FILTERS.filter((f) => pass(value, f.value)).map((f) => f.value);
    expect(dates.map((d) => [d, bands(d)])).toEqual([
      ['2026-11-30', ['past']],
      ['2026-12-01', ['soon']],
      ['2026-12-31', ['soon']],
      ['2027-01-01', ['later']],
      [null, ['none']],
      ['', ['none']],
    ]);
  });

  it('a choice field’s filter is one of its choices, as the field spells it', () => {
    expect(passesFieldFilter('choice', 'North', 'North', bounds)).toBe(true);
    expect(passesFieldFilter('choice', 'north', 'North', bounds)).toBe(false);
    expect(passesFieldFilter('choice', undefined, 'North', bounds)).toBe(false);
  });

  it('a filter value the field no longer offers (a saved view from before its type or choices changed) is not one to apply', () => {
    expect(offersFilter({ type: 'date', choices: [] }, 'past')).toBe(true);
    expect(offersFilter({ type: 'date', choices: [] }, 'High')).toBe(false);
    expect(offersFilter({ type: 'choice', choices: ['North', 'South'] }, 'South')).toBe(true);
    expect(offersFilter({ type: 'choice', choices: ['North', 'South'] }, 'past')).toBe(false);
  });
});
