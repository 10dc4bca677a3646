import { describe, expect, it } from 'vitest';
import { DATE_FILTERS, fieldFilter, passesFieldFilter } from './fieldFilters';

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

  it('a choice or date value the field no longer offers (a removed choice, a type changed since) is ignored, not applied', () => {
    const chosen = (field: { type: string; choices: string[] }, value: string) => fieldFilter(field, [], value, format)?.value;
    expect(chosen({ type: 'date', choices: [] }, 'past')).toBe('past');
    expect(chosen({ type: 'date', choices: [] }, 'High')).toBeNull();
    expect(chosen({ type: 'choice', choices: ['North', 'South'] }, 'South')).toBe('South');
    expect(chosen({ type: 'choice', choices: ['North', 'South'] }, 'past')).toBeNull();
    expect(fieldFilter({ type: 'choice', choices: ['North', 'South'] }, [], undefined, format)?.options.map((o) => o.label)).toEqual([
      'North',
      'South',
    ]);
  });

  it('a number field lists its distinct values in numeric order, then "No value"', () => {
    const filter = fieldFilter(NUMBER, [10, 9, 1200, 10, null, undefined, -2.5, 0], undefined, format);
    expect(filter?.options.map((o) => o.label)).toEqual(['-2.5', '0', '9', '10', '1,200', 'No value']);
    expect(filter?.options.map((o) => o.value)).toEqual(['is:-2.5', 'is:0', 'is:9', 'is:10', 'is:1200', 'none']);
    expect(filter?.value).toBeNull();
  });

  it('a text field lists its distinct values alphabetically, spellings that differ in case or spaces as one (as most write it)', () => {
    const values = ['leeds', 'Bristol', 'Leeds', ' Leeds ', 'aberdeen', '', null, 'Zürich'];
    expect(fieldFilter(TEXT, values, undefined, format)?.options).toEqual([
      { value: 'is:aberdeen', label: 'aberdeen' },
      { value: 'is:bristol', label: 'Bristol' },
      { value: 'is:leeds', label: 'Leeds' },
      { value: 'is:zürich', label: 'Zürich' },
      { value: 'none', label: 'No value' },
    ]);
  });

  it('a field nobody has a value for offers only "No value"', () => {
    for (const field of [NUMBER, TEXT]) expect(fieldFilter(field, [null, undefined, ''], undefined, format)?.options).toEqual([NO_VALUE]);
  });

  it.each([
    ['number', 'is:10', [10, '10', 10.5, 9, null], [10, '10']],
    ['number', 'none', [null, undefined, '', ' ', 0], [null, undefined, '', ' ']],
    ['text', 'is:leeds', ['Leeds', ' leeds', 'LEEDS', 'Leeds North', null], ['Leeds', ' leeds', 'LEEDS']],
    ['text', 'none', [null, undefined, '', '  ', 'none'], [null, undefined, '', '  ']],
  ] as const)('a %s field’s filter %s passes exactly its values', (type, filter, values, passing) => {
    expect(values.filter((v) => passesFieldFilter(type, v, filter, bounds))).toEqual(passing);
  });

  it('up to 30 distinct numbers are listed; past 30 they are offered in three bands of about a third of the people each', () => {
    expect(fieldFilter(NUMBER, range(30), undefined, format)?.options).toHaveLength(31);
    const people = range(33).map((n) => n * 100);
    const filter = fieldFilter(NUMBER, [...people, null], undefined, format);
    expect(filter?.options).toEqual([
      { value: 'below:1100', label: 'Below 1,100' },
      { value: 'between:1100:2100', label: '1,100 to 2,100' },
      { value: 'above:2100', label: 'Above 2,100' },
      NO_VALUE,
    ]);
    const counts = filter?.options.map((o) => [...people, null].filter((v) => passesFieldFilter('number', v, o.value, bounds)).length);
    expect(counts).toEqual([11, 11, 11, 1]);
  });

  it('bands leave out one no one falls in (many people on the lowest value), and a middle of one value reads as that value', () => {
    const lowHeavy = [...Array<number>(40).fill(0), ...range(31).map((n) => n + 1)];
    expect(fieldFilter(NUMBER, lowHeavy, undefined, format)?.options.map((o) => o.label)).toEqual(['0 to 7', 'Above 7', 'No value']);
    const middleHeavy = [...range(16), ...Array<number>(40).fill(50), ...range(16).map((n) => n + 100)];
    expect(fieldFilter(NUMBER, middleHeavy, undefined, format)?.options.map((o) => o.label)).toEqual([
      'Below 50',
      '50',
      'Above 50',
      'No value',
    ]);
  });

  it('a text field with more than 30 distinct values has no filter (search covers text)', () => {
    const places = range(31).map((n) => `Site ${n}`);
    expect(fieldFilter(TEXT, places.slice(0, 30), undefined, format)?.options).toHaveLength(31);
    expect(fieldFilter(TEXT, places, undefined, format)).toBeNull();
    expect(fieldFilter(TEXT, [...places, 'site 0'], 'is:site 0', format)).toBeNull();
  });

  it('a saved number or text value no one has now still applies, listed before "No value" so the filter shows it', () => {
    expect(fieldFilter(NUMBER, [1, 2], 'is:7', format)).toEqual({
      options: [{ value: 'is:1', label: '1' }, { value: 'is:2', label: '2' }, { value: 'is:7', label: '7' }, NO_VALUE],
      value: 'is:7',
    });
    expect(fieldFilter(TEXT, ['Bristol'], 'is:leeds', format)).toEqual({
      options: [{ value: 'is:bristol', label: 'Bristol' }, { value: 'is:leeds', label: 'leeds' }, NO_VALUE],
      value: 'is:leeds',
    });
    // A band saved before the values moved, or saved while there were many values, applies as saved.
    const stale = fieldFilter(NUMBER, [1, 2], 'between:1000:2000', format);
    expect(stale?.value).toBe('between:1000:2000');
    expect(stale?.options.at(-2)).toEqual({ value: 'between:1000:2000', label: '1,000 to 2,000' });
    expect(passesFieldFilter('number', 1500, 'between:1000:2000', bounds)).toBe(true);
    expect(passesFieldFilter('number', 2, 'between:1000:2000', bounds)).toBe(false);
    expect(fieldFilter(NUMBER, [1, 2], 'is:2', format)?.options).toHaveLength(3);
  });

  it('a saved value that is not one of the type’s (a date band on a number, a text on a number, a band on a text) is ignored', () => {
    for (const [field, saved] of [
      [NUMBER, 'past'],
      [NUMBER, 'is:leeds'],
      [NUMBER, 'between:3:1'],
      [NUMBER, 'below:'],
      [TEXT, 'below:10'],
      [TEXT, 'is:'],
    ] as const) {
      const filter = fieldFilter(field, [1, 'Leeds'], saved, format);
      expect([saved, filter?.value]).toEqual([saved, null]);
      expect(filter?.options.map((o) => o.value)).not.toContain(saved);
    }
  });
});

const NUMBER = { type: 'number', choices: [] };
const TEXT = { type: 'text', choices: [] };
const NO_VALUE = { value: 'none', label: 'No value' };
const format = (n: number) => n.toLocaleString('en-GB');
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
