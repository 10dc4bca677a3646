import { describe, expect, it } from 'vitest';
import type { Counts, ReportRow } from '../model';
import { explain } from './formulas';

/** A row with one decision, overridden and reviewed as appropriate, and one register process. */
function oneOfEach(): ReportRow {
  const counts: Counts = {
    licensedUsers: 10,
    activeUsers: 8,
    workflowsStarted: 0,
    workflowsCompleted: 0,
    accepted: 0,
    edited: 0,
    overridden: 1,
    ignored: 0,
    respondents: 0,
    trustWeighted: 0,
    manualBackup: 0,
    pulseRows: 0,
    registerUsers: 2,
    registerActiveUsers: 8,
    registerProcesses: 1,
    reviewed: 1,
    appropriate: 1,
    usageRows: 1,
  };
  return {
    initiative: 'Triage',
    team: 'Claims North',
    formal: 0.8,
    real: 0.5,
    gap: 0.3,
    components: { activation: 0.8, completion: null, reliance: 0, trust: null, shadowFree: 0.75 },
    basis: {
      formal: { used: ['activation'], missing: ['completion'] },
      real: { used: ['reliance', 'shadowFree'], missing: ['trust'] },
    },
    thinMonths: [],
    overrideRate: 1,
    ignoreRate: 0,
    decisions: 1,
    habitualOverriders: 0,
    overrideAppropriateness: 1,
    shadowShare: 0.25,
    shadowSource: 'register',
    alerts: [],
    feedback: { open: 0, confirmedWrong: 0, confidentlyWrongOpen: 0, topPatterns: [] },
    series: [],
    counts,
    initiativeId: 'i',
    teamId: 't',
  };
}

const weights = { reliance: 0.5, trust: 0.25, shadowFree: 0.25 };

describe('the explanations of a figure', () => {
  it('count one thing in the singular', () => {
    const row = oneOfEach();
    expect(explain(row, 'overrideRate', weights).note).toBe(
      'Ignored: 0 of 1 decision. Of 1 override reviewed, 1 was appropriate (100%: the AI was wrong).',
    );
    expect(explain(row, 'shadowFree', weights).worked).toMatch(/\(1 process\)$/);
  });
});
