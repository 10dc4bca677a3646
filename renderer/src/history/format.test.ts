import { describe, expect, test } from 'vitest';
import { fieldLabel, fieldOrder, formatDate, formatValue, type HistoryFormat, type Lookups, NONE } from './format';

const plain: HistoryFormat = { table: 'workspace', labels: { name: 'Name' } };
const lookups: Lookups = { members: new Map(), teams: new Map() };

describe('the history drawer’s plain formatting', () => {
  test('empty values read as a dash; a deletion as Deleted or Restored', () => {
    for (const empty of [null, undefined, '']) expect(formatValue(plain, 'name', empty, lookups)).toBe(NONE);
    expect(formatValue(plain, 'deleted', true, lookups)).toBe('Deleted');
    expect(formatValue(plain, 'deleted', false, lookups)).toBe('Restored');
  });

  test('numbers are grouped, booleans are Yes or No, other values are shown as they are', () => {
    expect(formatValue(plain, 'headcount', 1200, lookups)).toMatch(/^1\D?200$/);
    expect(formatValue(plain, 'flag', true, lookups)).toBe('Yes');
    expect(formatValue(plain, 'flag', false, lookups)).toBe('No');
    expect(formatValue(plain, 'name', 'Acme', lookups)).toBe('Acme');
    expect(formatValue(plain, 'extra', { a: 1 }, lookups)).toBe('{"a":1}');
  });

  test('a field without a label is named from its key; unknown fields sort after the labelled ones', () => {
    expect(fieldLabel(plain, 'name')).toBe('Name');
    expect(fieldLabel(plain, 'deleted')).toBe('Deleted');
    expect(fieldLabel(plain, 'hasProfileHere')).toBe('Has Profile Here');
    expect(fieldOrder(plain, 'name')).toBe(0);
    expect(fieldOrder(plain, 'somethingElse')).toBeGreaterThan(fieldOrder(plain, 'name'));
  });

  test('a calendar date stays on its day whatever the time zone', () => {
    expect(formatDate('2026-10-15')).toMatch(/15 Oct 2026|Oct 15, 2026/);
    expect(formatDate(null)).toBe(NONE);
    expect(formatDate('not a date')).toBe('not a date');
  });
});
