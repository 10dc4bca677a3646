import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import type { HostContext } from '../../db/api/context';
import { type TestWorkspace, withWorkspace } from '../helpers';

/*
 * AUTOMATION_BIAS_RISK and LOW_CHAMPION_COVERAGE against hand-computed figures (docs/metrics.md,
 * "Alerts"). Drafts, January 2026:
 *   Leeds: 40 active users; 40 decisions, 1 overridden, 39 accepted → override rate 1/40 = 2.5 %.
 *   York:  10 active users; 20 decisions, none overridden (fewer than minDecisions = 30).
 * One program, target 5 %: Leeds needs ⌈0.05 × 40⌉ = 2 active champions, York ⌈0.05 × 10⌉ = 1.
 */
let t: TestWorkspace;
let host: HostContext;
let ids: { leeds: string; york: string; drafts: string; program: string; tom: string; mei: string };

beforeEach(async () => {
  t = await withWorkspace();
  host = t.host;
  const leeds = await callTyped(host, 'teams.create', { name: 'Leeds' });
  const york = await callTyped(host, 'teams.create', { name: 'York' });
  const drafts = await callTyped(host, 'initiatives.create', { name: 'Drafts' });
  const file = (name: string, text: string) => {
    const p = path.join(t.dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  await callTyped(host, 'imports.run', {
    kind: 'usage',
    path: file(
      'usage.csv',
      'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed\n' +
        '2026-01,Leeds,Drafts,50,40,100,90\n2026-01,York,Drafts,12,10,30,30\n',
    ),
  });
  const lines = ['timestamp,initiative,team,user,recommendation_id,action,reason'];
  for (let i = 0; i < 40; i++) lines.push(`2026-01-10T09:00:00Z,Drafts,Leeds,u${i % 8}@acme,l${i},${i === 0 ? 'overridden' : 'accepted'},`);
  for (let i = 0; i < 20; i++) lines.push(`2026-01-10T09:00:00Z,Drafts,York,v${i % 4}@acme,y${i},accepted,`);
  await callTyped(host, 'imports.run', { kind: 'decisions', path: file('decisions.csv', `${lines.join('\n')}\n`) });
  const tom = await callTyped(host, 'members.create', { name: 'Tom Okafor', role: 'champion' });
  const mei = await callTyped(host, 'members.create', { name: 'Mei Chen', role: 'champion' });
  const program = await callTyped(host, 'champions.createProgram', {
    name: 'Drafts champions',
    initiativeId: drafts.id,
    coverageTarget: 0.05,
  });
  ids = { leeds: leeds.id, york: york.id, drafts: drafts.id, program: program.id, tom: tom.id, mei: mei.id };
});
afterEach(() => t.cleanup());

const report = () => callTyped(host, 'reports.get', {});
const alert = (row: { alerts: { code: string; message: string }[] } | undefined, code: string) =>
  row?.alerts.find((a) => a.code === code)?.message ?? null;
const rowOf = async (team: string) => (await report()).rows.find((r) => r.team === team);
const logFeedback = (teamId: string, confidentlyWrong: boolean) =>
  callTyped(host, 'feedback.create', {
    initiativeId: ids.drafts,
    teamId,
    aiSaid: 'Apologised for a delay',
    whatWasRight: 'There was no delay',
    category: 'missing context',
    severity: 'medium',
    confidentlyWrong,
    caught: 'downstream',
  });

describe('AUTOMATION_BIAS_RISK', () => {
  it('is raised while open confidently-wrong feedback meets an override rate under 5 % over 30+ decisions, and only then', async () => {
    expect(alert(await rowOf('Leeds'), 'AUTOMATION_BIAS_RISK')).toBeNull();
    await logFeedback(ids.leeds, false);
    expect(alert(await rowOf('Leeds'), 'AUTOMATION_BIAS_RISK')).toBeNull();

    const sure = await logFeedback(ids.leeds, true);
    const leeds = await rowOf('Leeds');
    expect(leeds?.overrideRate).toBe(1 / 40);
    expect(alert(leeds, 'AUTOMATION_BIAS_RISK')).toBe(
      'Override rate 2.5% over 40 decisions (threshold 5%) while 1 open feedback item says it was confidently wrong',
    );
    // York accepts everything too, with confidently-wrong feedback, but 20 decisions are too few to tell.
    await logFeedback(ids.york, true);
    expect(alert(await rowOf('York'), 'AUTOMATION_BIAS_RISK')).toBeNull();
    // The whole slice: 1 override of 60 decisions (1.7 %) and 2 open confidently-wrong items.
    expect(alert((await report()).overall, 'AUTOMATION_BIAS_RISK')).toBe(
      'Override rate 1.7% over 60 decisions (threshold 5%) while 2 open feedback items say it was confidently wrong',
    );

    // The HTML export's alert card says the same.
    const html = (await callTyped(host, 'reports.export', { format: 'html' })).content;
    expect(html).toContain('data-code="AUTOMATION_BIAS_RISK"');
    expect(html).toContain('Override rate 2.5% over 40 decisions (threshold 5%) while 1 open feedback item says it was confidently wrong');

    // Closed feedback no longer counts.
    await callTyped(host, 'feedback.triage', { ids: [sure.id], status: 'wont_fix' });
    expect(alert(await rowOf('Leeds'), 'AUTOMATION_BIAS_RISK')).toBeNull();
  });
});

describe('LOW_CHAMPION_COVERAGE', () => {
  it('is raised for a team whose active champions per active user are under its program’s target', async () => {
    await callTyped(host, 'champions.create', { programId: ids.program, memberId: ids.tom, teamId: ids.leeds, since: '2025-12-01' });
    let r = await report();
    // Leeds: 1 / 40 = 2.5 % < 5 %; York: 0 / 10 = 0 % < 5 %.
    expect(
      alert(
        r.rows.find((x) => x.team === 'Leeds'),
        'LOW_CHAMPION_COVERAGE',
      ),
    ).toBe(
      'Champion coverage 2.5% (1 active champion for 40 active users), below the 5% target of the Drafts champions program (1 more needed)',
    );
    expect(
      alert(
        r.rows.find((x) => x.team === 'York'),
        'LOW_CHAMPION_COVERAGE',
      ),
    ).toBe(
      'Champion coverage 0% (0 active champions for 10 active users), below the 5% target of the Drafts champions program (1 more needed)',
    );
    expect(alert(r.overall, 'LOW_CHAMPION_COVERAGE')).toBe('2 teams under the champion target of their program: Leeds, York');

    // A program whose name already says so is not called a "program programme"; a higher target needs more.
    await callTyped(host, 'champions.updateProgram', { id: ids.program, name: 'Drafts champion programme', coverageTarget: 0.1 });
    expect(
      alert(
        (await report()).rows.find((x) => x.team === 'Leeds'),
        'LOW_CHAMPION_COVERAGE',
      ),
    ).toBe(
      'Champion coverage 2.5% (1 active champion for 40 active users), below the 10% target of the Drafts champion programme (3 more needed)',
    );
    await callTyped(host, 'champions.updateProgram', { id: ids.program, name: 'Drafts champions', coverageTarget: 0.05 });

    // A second champion in Leeds meets the target (2 / 40 = 5 %); a paused one in York does not count.
    await callTyped(host, 'champions.create', { programId: ids.program, memberId: ids.mei, teamId: ids.leeds, since: '2025-12-01' });
    const paused = await callTyped(host, 'champions.create', {
      programId: ids.program,
      memberId: ids.mei,
      teamId: ids.york,
      since: '2025-12-01',
    });
    await callTyped(host, 'champions.update', { id: paused.id, status: 'paused' });
    r = await report();
    expect(
      alert(
        r.rows.find((x) => x.team === 'Leeds'),
        'LOW_CHAMPION_COVERAGE',
      ),
    ).toBeNull();
    expect(alert(r.overall, 'LOW_CHAMPION_COVERAGE')).toBe('1 team under the champion target of its program: York');
  });
});

describe('the feedback summary per report row', () => {
  it('counts open, confirmed-wrong and open confidently-wrong items and names the top patterns, per row and for the slice', async () => {
    // Leeds: a (sure, open), b (triaged), c (resolved, in the pattern), d (won't fix); York: e (sure, open, in the pattern).
    const a = await logFeedback(ids.leeds, true);
    const b = await logFeedback(ids.leeds, false);
    const c = await logFeedback(ids.leeds, false);
    const d = await logFeedback(ids.leeds, false);
    const e = await logFeedback(ids.york, true);
    await callTyped(host, 'initiatives.update', { id: ids.drafts, modelVersions: ['v2'] });
    await callTyped(host, 'feedback.triage', { ids: [b.id, c.id], status: 'triaged' });
    await callTyped(host, 'feedback.triage', { ids: [c.id], status: 'resolved', resolvedVersion: 'v2' });
    await callTyped(host, 'feedback.triage', { ids: [d.id], status: 'wont_fix' });
    await callTyped(host, 'failurePatterns.create', { name: 'Invented delays', category: 'missing context', feedbackIds: [c.id, e.id] });
    await callTyped(host, 'failurePatterns.create', { name: 'Apologies', category: 'missing context', feedbackIds: [a.id] });
    const r = await report();
    expect(r.rows.find((x) => x.team === 'Leeds')?.feedback).toEqual({
      open: 2, // a, b
      confirmedWrong: 2, // b, c
      confidentlyWrongOpen: 1, // a
      topPatterns: [
        { name: 'Apologies', count: 1 },
        { name: 'Invented delays', count: 1 },
      ],
    });
    expect(r.overall.feedback).toEqual({
      open: 3,
      confirmedWrong: 2,
      confidentlyWrongOpen: 2,
      topPatterns: [
        { name: 'Invented delays', count: 2 },
        { name: 'Apologies', count: 1 },
      ],
    });
    const json = JSON.parse((await callTyped(host, 'reports.export', { format: 'json' })).content);
    expect(json.overall.feedback.open).toBe(3);
    const html = (await callTyped(host, 'reports.export', { format: 'html' })).content;
    expect(html).toContain(
      '3 open · 2 confirmed wrong by triage · 2 open and confidently wrong. Top patterns: Invented delays (2), Apologies (1).',
    );
    expect(html).toContain('Open confidently-wrong items in Leeds · Drafts; York · Drafts.');
  });
});
