import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import { computeCoverage, daysBefore } from '../../db/champions/model';
import { UserError } from '../../db/errors';
import { workspaceForEachTest } from '../helpers';

const t = workspaceForEachTest({ teams: ['Claims North', 'Underwriting', 'Leeds', 'Motor'], initiatives: ['Claims triage'] });

/** Usage for three teams (Leeds has none, only a headcount of 30); North's latest month has 60 active users. */
async function setup() {
  const usage = path.join(t.dir, 'usage.csv');
  fs.writeFileSync(
    usage,
    [
      'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed',
      '2026-09,Claims North,Claims triage,80,40,100,90',
      '2026-10,Claims North,Claims triage,80,60,100,90',
      '2026-10,Underwriting,Claims triage,25,20,50,40',
      '2026-10,Motor,Claims triage,12,10,20,20',
    ].join('\n'),
  );
  await callTyped(t.host, 'imports.run', { kind: 'usage', path: usage });
  const teams = Object.fromEntries((await callTyped(t.host, 'teams.list', {})).map((x) => [x.name, x.id]));
  await callTyped(t.host, 'teams.update', { id: teams.Leeds, headcount: 30 });
  const initiative = (await callTyped(t.host, 'initiatives.list', {}))[0]?.id ?? '';
  const member = async (name: string) => (await callTyped(t.host, 'members.create', { name, role: 'champion' })).id;
  const [mei, sam, tom, ana] = [await member('Mei Chen'), await member('Sam Hale'), await member('Tom Okafor'), await member('Ana Ruiz')];
  const program = await callTyped(t.host, 'champions.createProgram', { name: 'Claims champions', initiativeId: initiative });
  const champion = (memberId: string, team: string, status: 'active' | 'paused' = 'active') =>
    callTyped(t.host, 'champions.create', { programId: program.id, memberId, teamId: teams[team] ?? '', since: '2026-01-01', status });
  const activity = (championId: string, date: string) =>
    callTyped(t.host, 'champions.logActivity', { championId, kind: 'office hours', date, attendance: 6 });
  return { teams, initiative, program, champion, activity, mei, sam, tom, ana };
}

describe('champion coverage and the 60-day rule', () => {
  it('the window starts 60 days before the day it is computed for', () => {
    expect(daysBefore('2026-10-31', 60)).toBe('2026-09-01');
    expect(daysBefore('2026-03-01', 60)).toBe('2025-12-31');
  });

  it('5 % of 40 active users is 2 champions: exactly on target is met, one fewer is below', () => {
    const teams = [{ teamId: 'a', team: 'A', activeUsers: 40, source: { kind: 'usage' as const, month: '2026-10' } }];
    const champions = [
      { id: 'c1', teamId: 'a', status: 'active' as const },
      { id: 'c2', teamId: 'a', status: 'active' as const },
    ];
    const base = { programId: 'p', target: 0.05, asOf: '2026-10-31', teams, activities: [{ championId: 'c1', date: '2026-10-01' }] };
    const met = computeCoverage({ ...base, champions }).teams[0];
    expect(met).toMatchObject({ activeChampions: 2, needed: 2, coverage: 0.05, status: 'met', ruleFailure: null });
    const below = computeCoverage({ ...base, champions: champions.slice(0, 1) }).teams[0];
    expect(below).toMatchObject({ activeChampions: 1, needed: 2, coverage: 0.025, status: 'below' });
  });

  it('per team: active users from the latest usage month, else the headcount; failing teams say why', async () => {
    const s = await setup();
    const mei = await s.champion(s.mei, 'Claims North');
    const sam = await s.champion(s.sam, 'Claims North');
    const tom = await s.champion(s.tom, 'Underwriting');
    const ana = await s.champion(s.ana, 'Leeds', 'paused');
    await s.activity(mei.id, '2026-09-01'); // the window's first day: still counts
    await s.activity(sam.id, '2026-06-10');
    await s.activity(tom.id, '2026-08-31'); // one day too early
    await s.activity(ana.id, '2026-10-15'); // recent, but Ana is paused

    const c = await callTyped(t.host, 'champions.coverage', { programId: s.program.id, asOf: '2026-10-31' });
    expect(c.target).toBe(0.05);
    expect(c.windowStart).toBe('2026-09-01');
    const row = (team: string) => c.teams.find((r) => r.team === team);
    // North: 2 active of 60 (October, not September's 40); ⌈0.05 × 60⌉ = 3 needed.
    expect(row('Claims North')).toMatchObject({
      activeChampions: 2,
      activeUsers: 60,
      source: { kind: 'usage', month: '2026-10' },
      needed: 3,
      status: 'below',
      lastActivity: '2026-09-01',
      ruleFailure: null,
    });
    expect(row('Claims North')?.coverage).toBeCloseTo(2 / 60, 10);
    // Underwriting: 1 of 20 = 5 %, met; but its only activity is 61 days old.
    expect(row('Underwriting')).toMatchObject({ activeChampions: 1, activeUsers: 20, coverage: 0.05, needed: 1, status: 'met' });
    expect(row('Underwriting')).toMatchObject({
      ruleFailure: 'no activity by an active champion in the last 60 days',
      lastActiveActivity: '2026-08-31',
    });
    // Leeds: no usage, so its headcount (30); its one champion is paused.
    expect(row('Leeds')).toMatchObject({ activeChampions: 0, champions: 1, activeUsers: 30, source: { kind: 'headcount' }, needed: 2 });
    expect(row('Leeds')?.ruleFailure).toBe('no active champion (1 paused or left)');
    // Motor has usage and no champion at all.
    expect(row('Motor')).toMatchObject({ activeChampions: 0, activeUsers: 10, needed: 1, status: 'below', ruleFailure: 'no champion' });
    expect(c.failing.map((r) => r.team)).toEqual(['Leeds', 'Motor', 'Underwriting']);
  });

  it('refuses an activity dated before the champion started, a champion twice in one team, and an unknown program', async () => {
    const s = await setup();
    const mei = await s.champion(s.mei, 'Claims North');
    await expect(s.activity(mei.id, '2025-12-31')).rejects.toThrow(/before Mei Chen became a champion \(2026-01-01\)/);
    await expect(s.champion(s.mei, 'Claims North')).rejects.toThrow(/Mei Chen is already a champion of Claims North/);
    const err = await callTyped(t.host, 'champions.coverage', { programId: 'nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('NOT_FOUND');
    expect((await callTyped(t.host, 'champions.activities', { programId: s.program.id })).length).toBe(0);
  });

  it('a champion logs an activity but may not name champions or change the program', async () => {
    const s = await setup();
    const mei = await s.champion(s.mei, 'Claims North');
    const asTom = { ...t.host, actAs: 'Tom Okafor' };
    const logged = await callTyped(asTom, 'champions.logActivity', {
      championId: mei.id,
      kind: 'demo',
      date: '2026-10-02',
      attendance: 11,
    });
    expect(logged).toMatchObject({ champion: 'Mei Chen', team: 'Claims North', kind: 'demo', attendance: 11 });
    for (const [op, input] of [
      ['champions.create', { programId: s.program.id, memberId: s.sam, teamId: s.teams.Leeds, since: '2026-02-01' }],
      ['champions.updateProgram', { id: s.program.id, coverageTarget: 0.1 }],
    ] as const) {
      const err = await callTyped(asTom, op, input).catch((e: unknown) => e);
      expect((err as UserError).code).toBe('FORBIDDEN');
    }
    expect((await callTyped(t.host, 'champions.list', {})).length).toBe(1);
  });
});
