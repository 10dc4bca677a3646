import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import { type TestWorkspace, withWorkspace } from '../helpers';

/*
 * Figures built on partial data say so: each headline figure lists the components it rests on
 * and the ones missing, and thin months (little data behind them) are named and marked in the
 * series, while every figure still follows the documented formulas. Expected values by hand.
 */
let w: TestWorkspace;
beforeEach(async () => {
  w = await withWorkspace({ teams: ['Claims North'], initiatives: ['Triage'] });
});
afterEach(() => w.cleanup());

const importCsv = async (kind: 'usage' | 'decisions' | 'shadow-processes', lines: string[]) => {
  const file = path.join(w.dir, `${kind}.csv`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  await callTyped(w.host, 'imports.run', { kind, path: file });
};

describe('partial figures and thin months', () => {
  it('usage and a register entry only: real rests on shadow-free alone (1 of 3), February is thin', async () => {
    await importCsv('usage', [
      'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed',
      '2026-01,Claims North,Triage,10,8,100,90',
      '2026-02,Claims North,Triage,10,2,10,5',
    ]);
    await importCsv('shadow-processes', [
      'name,team,initiative,kind,owner,users_involved,reason,failure_pattern,first_seen,retired_on',
      'Reserve tracker,Claims North,Triage,spreadsheet,,3,,,2026-01-01,',
    ]);
    const { overall } = await callTyped(w.host, 'reports.get', {});
    // activation (8 + 2) / 20 = 0.5; completion 95 / 110; formal = their mean.
    expect(overall.formal).toBeCloseTo((0.5 + 95 / 110) / 2, 12);
    expect(overall.basis.formal).toEqual({ used: ['activation', 'completion'], missing: [] });
    // shadowShare = (3 + 3) / (8 + 2) = 0.6, so real = shadow-free = 0.4, resting on 1 of 3 components.
    expect(overall.real).toBeCloseTo(0.4, 12);
    expect(overall.basis.real).toEqual({ used: ['shadowFree'], missing: ['reliance', 'trust'] });
    expect(overall.thinMonths).toEqual([
      { month: '2026-02', decisions: 0, activeUsers: 2, usageRows: 1, reasons: ['2 active users (1 usage row)'] },
    ]);
    expect(overall.series.map((p) => [p.month, p.thin])).toEqual([
      ['2026-01', false],
      ['2026-02', true],
    ]);
  });

  it('a month with three decisions is thin; real then rests on reliance and shadow-free (2 of 3)', async () => {
    await importCsv('usage', [
      'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed',
      '2026-01,Claims North,Triage,10,8,100,90',
    ]);
    await importCsv('shadow-processes', [
      'name,team,initiative,kind,owner,users_involved,reason,failure_pattern,first_seen,retired_on',
      'Reserve tracker,Claims North,Triage,spreadsheet,,2,,,2026-01-01,',
    ]);
    await importCsv('decisions', [
      'timestamp,initiative,team,user,recommendation_id,action,reason',
      '2026-01-05T10:00:00Z,Triage,Claims North,u1,r1,accepted,',
      '2026-01-06T10:00:00Z,Triage,Claims North,u2,r2,accepted,',
      '2026-01-07T10:00:00Z,Triage,Claims North,u3,r3,overridden,',
    ]);
    const { overall } = await callTyped(w.host, 'reports.get', {});
    // reliance 2/3, shadowFree 1 - 2/8 = 0.75; weights 0.5 and 0.25 renormalised over 0.75.
    expect(overall.real).toBeCloseTo((0.5 * (2 / 3) + 0.25 * 0.75) / 0.75, 12);
    expect(overall.basis.real).toEqual({ used: ['reliance', 'shadowFree'], missing: ['trust'] });
    expect(overall.thinMonths).toEqual([{ month: '2026-01', decisions: 3, activeUsers: 8, usageRows: 1, reasons: ['3 decisions'] }]);
  });

  it('the thin-month thresholds are settings, and settings saved before they existed take the defaults', async () => {
    const settings = await callTyped(w.host, 'metrics.settings', {});
    expect(settings.thresholds).toMatchObject({ thinMonthDecisions: 30, thinMonthUsers: 5 });
    await callTyped(w.host, 'metrics.configure', { ...settings, thresholds: { ...settings.thresholds, thinMonthUsers: 1 } });
    await importCsv('usage', [
      'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed',
      '2026-02,Claims North,Triage,10,2,10,5',
    ]);
    expect((await callTyped(w.host, 'reports.get', {})).overall.thinMonths).toEqual([]);
  });
});
