import { expect, test } from 'vitest';
import { formatDateTime, formatValue, type Lookups } from '../history/format';
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

test('feedback history shows when an item was reported as a local date and time, not as the stored ISO text', () => {
  const iso = '2026-11-03T14:05:00.000Z';
  const shown = formatValue(feedbackHistory, 'reportedAt', iso, lookups);
  expect(shown).toBe(formatDateTime(iso));
  expect(shown).not.toContain('T14');
  expect(shown).toMatch(/2026/);
  // Text that is not a moment is shown as it is stored.
  expect(formatValue(feedbackHistory, 'reportedAt', 'soon', lookups)).toBe('soon');
});

test("the shadow register's history names the failure pattern it links to", () => {
  expect(formatValue(shadowHistory, 'failurePatternId', 'p1', lookups)).toBe('Scanned forms read as typed');
  expect(shadowHistory.names).toContain('patterns');
});
