import { expect, test } from 'vitest';
import { fieldLabel, fieldOrder, formatValue, type Lookups } from '../history/format';
import { shadowHistory } from './history';

const lookups: Lookups = {
  members: new Map(),
  teams: new Map([['t1', 'Underwriting']]),
  initiatives: new Map([['i1', 'Underwriting risk scorer']]),
};

test('a shadow process names its team and initiative, or says they are gone', () => {
  expect(formatValue(shadowHistory, 'teamId', 't1', lookups)).toBe('Underwriting');
  expect(formatValue(shadowHistory, 'teamId', 'gone', lookups)).toBe('a deleted team');
  expect(formatValue(shadowHistory, 'initiativeId', 'i1', lookups)).toBe('Underwriting risk scorer');
  expect(formatValue(shadowHistory, 'initiativeId', 'i1', { members: new Map(), teams: new Map() })).toBe('a deleted initiative');
  expect(formatValue(shadowHistory, 'initiativeId', null, lookups)).toBe('—');
  expect(shadowHistory.names).toEqual(['teams', 'initiatives', 'patterns']);
});

test('its dates are calendar dates, its counts numbers, its labels the form’s', () => {
  expect(formatValue(shadowHistory, 'retiredOn', '2026-10-15', lookups)).toMatch(/15 Oct 2026|Oct 15, 2026/);
  expect(formatValue(shadowHistory, 'usersInvolved', 7, lookups)).toBe('7');
  expect(formatValue(shadowHistory, 'kind', 'manual double-check', lookups)).toBe('manual double-check');
  expect(fieldLabel(shadowHistory, 'usersInvolved')).toBe('Users involved');
  expect(fieldOrder(shadowHistory, 'firstSeen')).toBeLessThan(fieldOrder(shadowHistory, 'retiredOn'));
});
