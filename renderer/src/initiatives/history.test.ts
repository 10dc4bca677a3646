import { expect, test } from 'vitest';
import { fieldLabel, fieldOrder, formatValue, type Lookups } from '../history/format';
import { initiativeHistory } from './history';

const lookups: Lookups = { members: new Map([['m1', 'Dana Lee']]), teams: new Map() };

test('a triad role names the member, a removed member, or an external person', () => {
  expect(formatValue(initiativeHistory, 'businessSponsor', '{"memberId":"m1"}', lookups)).toBe('Dana Lee');
  expect(formatValue(initiativeHistory, 'productOwner', '{"memberId":"m9"}', lookups)).toBe('a removed member');
  expect(formatValue(initiativeHistory, 'technicalLead', '{"name":"Jordan Patel"}', lookups)).toBe('Jordan Patel (external)');
  expect(formatValue(initiativeHistory, 'technicalLead', null, lookups)).toBe('—');
  expect(fieldLabel(initiativeHistory, 'productOwner')).toBe('AI product owner');
});

test('status, go-live date and model versions read as the screen shows them', () => {
  expect(formatValue(initiativeHistory, 'status', 'rolling_out', lookups)).toBe('Rolling out');
  expect(formatValue(initiativeHistory, 'status', 'unheard_of', lookups)).toBe('unheard_of');
  expect(formatValue(initiativeHistory, 'goLive', '2026-09-14', lookups)).toMatch(/14 Sept? 2026|Sep 14, 2026/);
  expect(formatValue(initiativeHistory, 'modelVersions', '["triage-gbm 3.2","triage-gbm 3.3"]', lookups)).toBe(
    'triage-gbm 3.2, triage-gbm 3.3',
  );
  expect(formatValue(initiativeHistory, 'modelVersions', '[]', lookups)).toBe('—');
  expect(fieldLabel(initiativeHistory, 'goLive')).toBe('Go-live date');
});

test('the triad comes after the initiative’s own fields', () => {
  expect(fieldOrder(initiativeHistory, 'modelVersions')).toBeLessThan(fieldOrder(initiativeHistory, 'businessSponsor'));
  expect(fieldOrder(initiativeHistory, 'businessSponsor')).toBeLessThan(fieldOrder(initiativeHistory, 'technicalLead'));
});
