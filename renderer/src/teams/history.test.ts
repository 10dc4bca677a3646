import { expect, test } from 'vitest';
import { fieldLabel, fieldOrder, formatValue, type Lookups } from '../history/format';
import { teamHistory } from './history';

const lookups: Lookups = { members: new Map(), teams: new Map([['t1', 'Claims']]) };

test('a team’s parent reads by name, a deleted one says so, none is a dash', () => {
  expect(formatValue(teamHistory, 'parentId', 't1', lookups)).toBe('Claims');
  expect(formatValue(teamHistory, 'parentId', 'gone', lookups)).toBe('a deleted team');
  expect(formatValue(teamHistory, 'parentId', null, lookups)).toBe('—');
  expect(teamHistory.names).toContain('teams');
});

test('a team’s fields are labelled and ordered as its form shows them', () => {
  expect(fieldLabel(teamHistory, 'parentId')).toBe('Parent team');
  expect(fieldLabel(teamHistory, 'businessUnit')).toBe('Business unit');
  const fields = ['headcount', 'region', 'name', 'parentId', 'businessUnit'];
  expect(fields.sort((a, b) => fieldOrder(teamHistory, a) - fieldOrder(teamHistory, b))).toEqual([
    'name',
    'parentId',
    'region',
    'businessUnit',
    'headcount',
  ]);
  expect(formatValue(teamHistory, 'headcount', 64, lookups)).toBe('64');
});
