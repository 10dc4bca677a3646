import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import type { HostContext } from '../../db/api/context';
import { checkDatabase } from '../../db/check';
import { DEFAULT_METRIC_SETTINGS as DEFAULT_SETTINGS } from '../../db/metrics/model';
import { USAGE_COLUMNS } from '../../db/signals/columns';
import { hashUser, userHashKey } from '../../db/signals/import';
import { emptyCounts, figures } from '../../db/signals/metrics';
import { write } from '../../db/write';
import { type TestWorkspace, tempEngine, withWorkspace } from '../helpers';

/*
 * Every figure against a hand computation from docs/metrics.md on a small workspace:
 *   Claims North (under Claims), Jan–Feb 2026, and Underwriting, Jan 2026, one initiative "Triage".
 */
let t: TestWorkspace;
let host: HostContext;
const W = DEFAULT_SETTINGS.weights;

function csv(name: string, text: string) {
  const file = path.join(t.dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function decisionsCsv(): string {
  const lines = ['timestamp,initiative,team,user,recommendation_id,action,reason'];
  let n = 0;
  const add = (month: string, user: string, action: string, times: number) => {
    for (let i = 0; i < times; i++) lines.push(`${month}-10T09:00:00Z,Triage,Claims North,${user},r${n++},${action},`);
  };
  add('2026-01', 'a@acme', 'overridden', 21);
  add('2026-01', 'a@acme', 'accepted', 4);
  add('2026-01', 'b@acme', 'accepted', 5);
  add('2026-01', 'b@acme', 'edited', 1);
  add('2026-01', 'b@acme', 'ignored', 1);
  add('2026-02', 'b@acme', 'overridden', 2);
  return `${lines.join('\n')}\n`;
}

beforeEach(async () => {
  t = await withWorkspace();
  host = t.host;
  const claims = await callTyped(host, 'teams.create', { name: 'Claims' });
  await callTyped(host, 'teams.create', { name: 'Claims North', parentId: claims.id });
  await callTyped(host, 'teams.create', { name: 'Underwriting' });
  await callTyped(host, 'initiatives.create', { name: 'Triage', businessSponsor: { name: 'Pat' }, productOwner: { name: 'Alex' } });
  const imp = (kind: 'usage' | 'decisions' | 'pulse' | 'shadow-processes', text: string) =>
    callTyped(host, 'imports.run', { kind, path: csv(`${kind}.csv`, text) });
  await imp(
    'usage',
    'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed\n' +
      '2026-01,Claims North,Triage,10,8,100,80\n2026-02,Claims North,Triage,10,9,120,60\n2026-01,Underwriting,Triage,20,10,50,50\n',
  );
  await imp('decisions', decisionsCsv());
  await imp(
    'pulse',
    'month,team,initiative,respondents,trust_mean,manual_backup\n2026-01,Claims North,Triage,10,2.0,4\n2026-02,Claims North,Triage,5,4.0,1\n',
  );
  await imp(
    'shadow-processes',
    'name,team,initiative,kind,owner,users_involved,reason,failure_pattern,first_seen,retired_on\n' +
      'Referral tracker,Underwriting,Triage,spreadsheet,Sam,5,does not trust the scores,,2025-12-01,\n' +
      'Old checklist,Underwriting,,paper,,7,habit,,2025-01-01,2025-06-30\n',
  );
});
afterEach(() => t.cleanup());

describe('report figures match a hand computation', () => {
  it('per team', async () => {
    const report = await callTyped(host, 'reports.get', {});
    expect(report.slice).toEqual({ initiative: null, team: null, from: '2026-01', to: '2026-02' });
    expect(report.rows.map((r) => `${r.initiative}/${r.team}`)).toEqual(['Triage/Claims North', 'Triage/Underwriting']);
    const [north, uw] = report.rows;

    // Claims North: activation 17/20, completion 140/220; decisions a 9 acc, 1 edit, 23 ovr, 1 ign.
    const trust = ((2 * 10 + 4 * 5) / 15 - 1) / 4;
    const reliance = 10 / 34;
    const shadowFree = 1 - 5 / 15;
    const formal = (17 / 20 + 140 / 220) / 2;
    const real = 0.5 * reliance + 0.25 * trust + 0.25 * shadowFree;
    expect(north?.components.activation).toBeCloseTo(17 / 20, 12);
    expect(north?.components.completion).toBeCloseTo(140 / 220, 12);
    expect(north?.components.reliance).toBeCloseTo(reliance, 12);
    expect(north?.components.trust).toBeCloseTo(trust, 12);
    expect(north?.components.shadowFree).toBeCloseTo(shadowFree, 12);
    expect(north?.formal).toBeCloseTo(formal, 12);
    expect(north?.real).toBeCloseTo(real, 12);
    expect(north?.gap).toBeCloseTo(formal - real, 12);
    expect(north?.overrideRate).toBeCloseTo(23 / 33, 12);
    expect(north?.ignoreRate).toBeCloseTo(1 / 34, 12);
    expect(north?.decisions).toBe(34);
    expect(north?.habitualOverriders).toBe(1); // a: 21 of 25 overridden; b has fewer than 20 decisions
    expect(north?.overrideAppropriateness).toBeNull();
    expect(north?.alerts.map((a) => a.code)).toEqual([
      'HIGH_OVERRIDE',
      'ADOPTION_GAP',
      'HABITUAL_OVERRIDERS',
      'SHADOW_PROCESSES',
      'TRIAD_INCOMPLETE',
    ]);
    expect(north?.alerts[0]?.message).toBe('Override rate 70% over 34 decisions (threshold 50%)');
    expect(north?.series).toEqual([
      {
        month: '2026-01',
        formal: (8 / 10 + 80 / 100) / 2,
        real: expect.any(Number),
        gap: expect.any(Number),
        overrideRate: 21 / 31,
        thin: false,
      },
      // February has 34 - 32 = 2 decisions: below the 30 of a thin month, marked but counted.
      { month: '2026-02', formal: (9 / 10 + 60 / 120) / 2, real: expect.any(Number), gap: expect.any(Number), overrideRate: 1, thin: true },
    ]);
    expect(north?.thinMonths.map((m) => [m.month, m.reasons])).toEqual([['2026-02', ['2 decisions']]]);
    // January: reliance 10/32, trust (2-1)/4, shadowFree 1 - 4/10.
    expect(north?.series[0]?.real).toBeCloseTo(0.5 * (10 / 32) + 0.25 * 0.25 + 0.25 * 0.6, 12);

    // Underwriting: usage only, no decisions, no pulse; the register gives shadowShare 5/10 (the
    // paper checklist was retired before January). real = shadowFree alone (weights renormalised).
    expect(uw?.components).toEqual({ activation: 0.5, completion: 1, reliance: null, trust: null, shadowFree: 0.5 });
    expect(uw?.formal).toBe(0.75);
    expect(uw?.real).toBe(0.5);
    expect(uw?.gap).toBe(0.25);
    expect(uw?.overrideRate).toBeNull();
    expect(uw?.decisions).toBe(0);
    expect(uw?.alerts.map((a) => a.code)).toEqual(['SHADOW_PROCESSES', 'TRIAD_INCOMPLETE']);
    expect(uw?.series[1]).toEqual({ month: '2026-02', formal: null, real: null, gap: null, overrideRate: null, thin: false });
    expect(uw?.basis.real).toEqual({ used: ['shadowFree'], missing: ['reliance', 'trust'] });
  });

  it('overall sums before taking ratios, and a team includes its sub-teams', async () => {
    const report = await callTyped(host, 'reports.get', {});
    const o = report.overall;
    expect(o.components.activation).toBeCloseTo(27 / 40, 12);
    expect(o.components.completion).toBeCloseTo(190 / 270, 12);
    // The slice has pulse rows, so shadowShare comes from the pulse (5/15), not the register.
    expect(o.components.shadowFree).toBeCloseTo(2 / 3, 12);
    expect(o.formal).toBeCloseTo((27 / 40 + 190 / 270) / 2, 12);
    const claims = await callTyped(host, 'reports.get', { team: 'claims' });
    expect(claims.slice.team).toBe('Claims');
    expect(claims.rows.map((r) => r.team)).toEqual(['Claims North']);
    expect(claims.overall.formal).toBeCloseTo(report.rows[0]?.formal ?? 0, 12);
    const feb = await callTyped(host, 'reports.get', { from: '2026-02', to: '2026-02' });
    expect(feb.overall.decisions).toBe(2);
    expect(feb.overall.components.activation).toBe(0.9);
  });

  it('uses the workspace weights and says which', async () => {
    await callTyped(host, 'metrics.configure', {
      weights: { reliance: 1, trust: 0, shadowFree: 0 },
      thresholds: DEFAULT_SETTINGS.thresholds,
    });
    const report = await callTyped(host, 'reports.get', {});
    expect(report.weights).toEqual({ reliance: 1, trust: 0, shadowFree: 0 });
    expect(report.rows[0]?.real).toBeCloseTo(10 / 34, 12);
  });

  it('override appropriateness counts reviewed overrides', async () => {
    const secret = userHashKey(t.engine, null);
    const initiative = (await callTyped(host, 'initiatives.list', {}))[0]?.id ?? '';
    const reviews = [
      ['r0', 'appropriate', 'model_wrong'],
      ['r1', 'inappropriate', 'habit'],
      ['r2', 'appropriate', 'model_wrong'],
    ] as const;
    reviews.forEach(([recommendationId, verdict, reasonCode], i) => {
      const fields = { initiativeId: initiative, recommendationId, userHash: hashUser(secret, 'a@acme'), verdict, reasonCode, note: null };
      write(t.engine, null, 'override_reviews', `rev-${i + 1}`, fields, 'create');
    });
    const report = await callTyped(host, 'reports.get', {});
    expect(report.rows[0]?.overrideAppropriateness).toBeCloseTo(2 / 3, 12);
  });

  it('the aggregates kept by imports agree with a recount', () => {
    expect(checkDatabase(t.engine).changeLog.mismatches).toEqual([]);
  });
});

describe('null rules', () => {
  const zero = emptyCounts();
  it('no inputs: every figure is null, never 0', () => {
    const f = figures(zero, W);
    expect(f).toMatchObject({
      formal: null,
      real: null,
      gap: null,
      overrideRate: null,
      ignoreRate: null,
      shadowShare: null,
      overrideAppropriateness: null,
    });
    expect(Object.values(f.components).every((v) => v === null)).toBe(true);
  });
  it('formal is the mean of the available ones; real renormalises its weights', () => {
    expect(figures({ ...zero, licensedUsers: 10, activeUsers: 4 }, W).formal).toBe(0.4);
    expect(figures({ ...zero, workflowsStarted: 10, workflowsCompleted: 9 }, W).formal).toBe(0.9);
    const f = figures({ ...zero, accepted: 3, ignored: 1, respondents: 2, trustWeighted: 10 }, W);
    expect(f.components.reliance).toBe(0.75);
    expect(f.components.trust).toBe(1);
    expect(f.real).toBeCloseTo((0.5 * 0.75 + 0.25 * 1) / 0.75, 12);
    expect(f.gap).toBeNull();
  });
  it('only ignored decisions: overrideRate null, ignoreRate 1, reliance 0', () => {
    const f = figures({ ...zero, ignored: 5 }, W);
    expect(f.overrideRate).toBeNull();
    expect(f.ignoreRate).toBe(1);
    expect(f.components.reliance).toBe(0);
  });
  it('register shadow share is clipped to 1; pulse with zero respondents is no data', () => {
    expect(figures({ ...zero, registerProcesses: 1, registerUsers: 30, registerActiveUsers: 10 }, W).shadowShare).toBe(1);
    expect(figures({ ...zero, pulseRows: 1 }, W).shadowShare).toBeNull();
  });
});

describe('drill-down: the rows behind a figure (reports.rows)', () => {
  it('usage of a team with its sub-teams, newest month first, with the file it came from', async () => {
    const all = await callTyped(host, 'reports.rows', { source: 'usage' });
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => [r[0], r[1]])).toEqual([
      ['2026-02', 'Claims North'],
      ['2026-01', 'Claims North'],
      ['2026-01', 'Underwriting'],
    ]);
    const claims = await callTyped(host, 'reports.rows', { source: 'usage', team: 'Claims' });
    // The file's own columns, then the file each row came from.
    expect(claims.columns.map((c) => c.key)).toEqual([...USAGE_COLUMNS, 'file']);
    expect(claims.rows).toEqual([
      ['2026-02', 'Claims North', 'Triage', 10, 9, 120, 60, 'usage.csv'],
      ['2026-01', 'Claims North', 'Triage', 10, 8, 100, 80, 'usage.csv'],
    ]);
    const jan = await callTyped(host, 'reports.rows', { source: 'usage', from: '2026-01', to: '2026-01' });
    expect(jan.rows.map((r) => r[1])).toEqual(['Claims North', 'Underwriting']);
  });

  it('decisions: totals from the aggregates, pages newest first, users only as a short hash', async () => {
    const all = await callTyped(host, 'reports.rows', { source: 'decisions', limit: 3 });
    expect(all.total).toBe(34);
    expect(all.rows).toHaveLength(3);
    const key = userHashKey(t.engine, null);
    expect(all.rows[0]).toEqual([
      '2026-02-10T09:00:00Z',
      'Claims North',
      'Triage',
      hashUser(key, 'b@acme').slice(0, 10),
      'r32',
      'overridden',
      null,
      // recommended and final: this file has neither column.
      null,
      null,
      'decisions.csv',
    ]);
    const overrides = await callTyped(host, 'reports.rows', { source: 'decisions', action: 'overridden', offset: 20, limit: 50 });
    expect(overrides.total).toBe(23);
    expect(overrides.rows).toHaveLength(3);
    expect(new Set(overrides.rows.map((r) => r[5]))).toEqual(new Set(['overridden']));
    const feb = await callTyped(host, 'reports.rows', { source: 'decisions', from: '2026-02', to: '2026-02' });
    expect(feb.total).toBe(2);
    expect(feb.rows.map((r) => r[4])).toEqual(['r32', 'r33']);
    const none = await callTyped(host, 'reports.rows', { source: 'decisions', team: 'Underwriting' });
    expect(none).toMatchObject({ total: 0, rows: [] });
  });

  it('pulse and the shadow register, within the period', async () => {
    const pulse = await callTyped(host, 'reports.rows', { source: 'pulse', team: 'Claims North' });
    expect(pulse.rows).toEqual([
      ['2026-02', 'Claims North', 'Triage', 5, 4, 1, 'pulse.csv'],
      ['2026-01', 'Claims North', 'Triage', 10, 2, 4, 'pulse.csv'],
    ]);
    for (const [from, to, names] of [
      ['2026-01', '2026-02', ['Referral tracker']],
      ['2025-03', '2025-03', ['Old checklist']],
    ] as const) {
      const shadow = await callTyped(host, 'reports.rows', { source: 'shadowProcesses', team: 'Underwriting', from, to });
      expect(
        shadow.rows.map((r) => r[0]),
        `${from} to ${to}`,
      ).toEqual(names);
    }
  });

  it('refuses an unknown team and a bad month with a clear message', async () => {
    await expect(callTyped(host, 'reports.rows', { source: 'usage', team: 'Nowhere' })).rejects.toThrow(/No team named "Nowhere"/);
    await expect(callTyped(host, 'reports.rows', { source: 'usage', from: '2026-13' })).rejects.toThrow(/YYYY-MM/);
  });
});

describe('alerts say what the report shows', () => {
  it('the adoption-gap alert gives the gap in points as shown beside its figures', async () => {
    const { createDemo } = await import('../../db/demo');
    const { displayedGap } = await import('../../db/reports/shared/format');
    const demo = tempEngine();
    try {
      await createDemo(demo.engine, 7);
      const report = await callTyped({ engine: demo.engine }, 'reports.get', {});
      const gaps = [report.overall, ...report.rows].flatMap((f) =>
        f.alerts.filter((a) => a.code === 'ADOPTION_GAP').map((a) => ({ a, f })),
      );
      expect(gaps.length).toBeGreaterThan(0);
      for (const { a, f } of gaps) {
        expect(a.message).toBe(`Formal adoption exceeds real adoption by ${displayedGap(f.formal, f.real)} pts (threshold 25 pts)`);
      }
    } finally {
      demo.cleanup();
    }
  });
});
