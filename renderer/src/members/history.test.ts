import { expect, test } from 'vitest';
import { fieldLabel, formatValue, type Lookups } from '../history/format';
import { memberHistory } from './history';

const lookups: Lookups = { members: new Map(), teams: new Map() };

test('a member’s role reads by its label; name and email as they are', () => {
  expect(formatValue(memberHistory, 'role', 'change_manager', lookups)).toBe('Change manager');
  expect(formatValue(memberHistory, 'role', 'sponsor', lookups)).toBe('Sponsor');
  expect(formatValue(memberHistory, 'email', 'dana@acme.example', lookups)).toBe('dana@acme.example');
  expect(fieldLabel(memberHistory, 'email')).toBe('Email');
  expect(memberHistory.names ?? []).toEqual([]);
});
