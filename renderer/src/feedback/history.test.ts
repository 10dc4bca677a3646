import { expect, test } from 'vitest';
import { formatValue, type Lookups } from '../history/format';
import { shadowHistory } from '../shadow-processes/history';
import { feedbackHistory } from './history';

const lookups: Lookups = {
  members: new Map([['m1', 'Mei Chen']]),
  teams: new Map(),
  patterns: new Map([['p1', 'Scanned forms read as typed']]),
};

test('feedback history names the pattern, the reporter and the assignee instead of showing their ids', () => {
  expect(formatValue(feedbackHistory, 'patternId', 'p1', lookups)).toBe('Scanned forms read as typed');
  expect(formatValue(feedbackHistory, 'patternId', 'p-gone', lookups)).toBe('a deleted pattern');
  expect(formatValue(feedbackHistory, 'assigneeId', 'm1', lookups)).toBe('Mei Chen');
  expect(formatValue(feedbackHistory, 'reporterId', 'm-gone', lookups)).toBe('a removed member');
  expect(feedbackHistory.names).toContain('patterns');
});

test("the shadow register's history names the failure pattern it links to", () => {
  expect(formatValue(shadowHistory, 'failurePatternId', 'p1', lookups)).toBe('Scanned forms read as typed');
  expect(shadowHistory.names).toContain('patterns');
});
