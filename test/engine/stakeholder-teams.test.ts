import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import type { InputOf } from '../../db/api/handlers';
import { workspaceForEachTest } from '../helpers';

/*
 * The team view and "who to talk to about the gap" on a small register, every figure computed by
 * hand in the comments (docs/stakeholders.md, "Team view").
 */
const t = workspaceForEachTest({ teams: ['Claims North', 'Underwriting'], initiatives: ['Triage'] });

const today = new Date().toISOString().slice(0, 10);

/** The month `back` months before today's, as YYYY-MM. */
function monthsAgo(back: number): string {
  const m = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - back;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

async function seed() {
  const teams = await callTyped(t.host, 'teams.list', {});
  const north = teams.find((x) => x.name === 'Claims North')?.id ?? '';
  const under = teams.find((x) => x.name === 'Underwriting')?.id ?? '';
  const dana = (await callTyped(t.host, 'members.list', {}))[0]?.id ?? '';
  const add = (name: string, teamId: string, fields: Partial<InputOf<'stakeholders.create'>>) =>
    callTyped(t.host, 'stakeholders.create', { name, teamId, influence: 3, interest: 3, support: 'neutral', ...fields });
  // Claims North: Amy (barrier desire), Ben (barrier desire), Cleo (barrier ability), Dev (not assessed).
  const amy = await add('Amy', north, { support: 'opposed', influence: 2, awareness: 4, desire: 2, knowledge: 3 });
  const ben = await add('Ben', north, { support: 'sceptical', influence: 5, awareness: 5, desire: 3, knowledge: 2 });
  const cleo = await add('Cleo', north, { support: 'supportive', influence: 5, awareness: 5, desire: 5, knowledge: 4, ability: 2 });
  const dev = await add('Dev', north, { support: 'neutral', influence: 3 });
  // Underwriting: Eve (no barrier), Finn (barrier knowledge).
  const eve = await add('Eve', under, {
    support: 'advocate',
    influence: 4,
    awareness: 5,
    desire: 5,
    knowledge: 5,
    ability: 5,
    reinforcement: 5,
  });
  const finn = await add('Finn', under, { support: 'supportive', influence: 2, awareness: 4, desire: 4, knowledge: 3 });
  // Removed people count nowhere, nor do their concerns.
  const gone = await add('Gone', north, { support: 'opposed', awareness: 1 });
  await callTyped(t.host, 'stakeholders.addConcern', { stakeholderId: gone.id, kind: 'job displacement' });
  await callTyped(t.host, 'stakeholders.delete', { id: gone.id });

  // Amy raises "loss of control" in a workshop two months ago: dated at the session, not today.
  const sessionDay = `${monthsAgo(2)}-10`;
  await callTyped(t.host, 'stakeholderSessions.create', {
    at: `${sessionDay}T09:00`,
    kind: 'workshop',
    facilitatorMemberId: dana,
    attendees: [{ stakeholderId: amy.id, sentiment: 'negative' }],
    raise: [{ stakeholderId: amy.id, kind: 'loss of control' }],
  });
  // Recorded today: Ben's (then resolved), Cleo's and Finn's.
  const bens = await callTyped(t.host, 'stakeholders.addConcern', { stakeholderId: ben.id, kind: 'loss of control' });
  await callTyped(t.host, 'stakeholders.updateConcern', { id: bens.id, status: 'resolved' });
  await callTyped(t.host, 'stakeholders.addConcern', { stakeholderId: cleo.id, kind: 'workflow disruption' });
  await callTyped(t.host, 'stakeholders.addConcern', { stakeholderId: finn.id, kind: 'job displacement', status: 'being addressed' });
  return { north, under, amy, ben, cleo, dev, eve, finn, sessionDay };
}

const cell = (average: number | null, assessed: number, barriers: number) => ({ average, assessed, barriers });

describe('the team view', () => {
  it('counts the support mix, averages ADKAR per team with its barrier point, and open concerns by kind', async () => {
    const { north, under } = await seed();
    const view = await callTyped(t.host, 'stakeholders.teams', { today });
    expect(view.teams.map((x) => x.teamId)).toEqual([north, under]);
    const [cn, uw] = view.teams;
    expect(cn).toMatchObject({
      team: 'Claims North',
      people: 4,
      support: { opposed: 1, sceptical: 1, neutral: 1, supportive: 1, advocate: 0 },
      openConcerns: { 'loss of control': 1, 'workflow disruption': 1, 'job displacement': 0, 'increased monitoring': 0, other: 0 },
    });
    // Awareness (4+5+5)/3 = 4.67 → 4.7; desire (2+3+5)/3 = 3.33 → 3.3; knowledge (3+2+4)/3 = 3.0;
    // ability Cleo's 2 alone; reinforcement nobody. The first average at 3 or below: knowledge.
    expect(cn?.adkar).toEqual({
      awareness: cell(4.7, 3, 0),
      desire: cell(3.3, 3, 2),
      knowledge: cell(3, 3, 0),
      ability: cell(2, 1, 1),
      reinforcement: cell(null, 0, 0),
    });
    expect(cn?.barrierPoint).toBe('knowledge');
    // Underwriting: awareness (5+4)/2, desire (5+4)/2, knowledge (5+3)/2 = 4, ability and reinforcement Eve's 5: no barrier.
    expect(uw).toMatchObject({ people: 2, support: { advocate: 1, supportive: 1, opposed: 0 }, barrierPoint: null });
    expect(uw?.adkar).toEqual({
      awareness: cell(4.5, 2, 0),
      desire: cell(4.5, 2, 0),
      knowledge: cell(4, 2, 1),
      ability: cell(5, 1, 0),
      reinforcement: cell(5, 1, 0),
    });
    expect(uw?.openConcerns['job displacement']).toBe(1);
  });

  it('counts concerns raised per month and kind over the last 12 months, dated at the session that raised them', async () => {
    await seed();
    const { trend } = await callTyped(t.host, 'stakeholders.teams', { today });
    expect(trend.months).toHaveLength(12);
    expect(trend.months[0]).toBe(monthsAgo(11));
    expect(trend.months[11]).toBe(monthsAgo(0));
    const kind = (k: string) => trend.kinds.find((x) => x.kind === k);
    const at = (...hits: [number, number][]) => {
      const row = Array.from({ length: 12 }, () => 0);
      for (const [back, n] of hits) row[11 - back] = n;
      return row;
    };
    // Amy's in the workshop two months ago, Ben's today (resolved since: raised, not open).
    expect(kind('loss of control')).toEqual({ kind: 'loss of control', open: 1, raised: at([2, 1], [0, 1]) });
    expect(kind('workflow disruption')).toEqual({ kind: 'workflow disruption', open: 1, raised: at([0, 1]) });
    // Gone's was removed with them.
    expect(kind('job displacement')).toEqual({ kind: 'job displacement', open: 1, raised: at([0, 1]) });
    expect(kind('increased monitoring')).toEqual({ kind: 'increased monitoring', open: 0, raised: at() });
  });

  it('is empty, with the twelve months, for an empty register', async () => {
    const view = await callTyped(t.host, 'stakeholders.teams', { today: '2026-03-31' });
    expect(view.teams).toEqual([]);
    expect(view.trend.months).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
  });
});

describe('who to talk to about the gap', () => {
  function imports(dir: string) {
    const file = (name: string, text: string) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, text);
      return p;
    };
    const month = monthsAgo(1);
    return Promise.all([
      // Both teams log in and complete: formal (0.9 + 0.9) / 2 = 0.9.
      callTyped(t.host, 'imports.run', {
        kind: 'usage',
        path: file(
          'usage.csv',
          `month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed\n${month},Claims North,Triage,10,9,100,90\n${month},Underwriting,Triage,10,9,100,90\n`,
        ),
      }),
      // Claims North distrusts it (trust (2-1)/4 = 0.25, 6 of 10 keep a manual backup): real at most 0.4, gap ≥ 0.5.
      // Underwriting trusts it fully with no backups: real 1, no gap.
      callTyped(t.host, 'imports.run', {
        kind: 'pulse',
        path: file(
          'pulse.csv',
          `month,team,initiative,respondents,trust_mean,manual_backup\n${month},Claims North,Triage,10,2.0,6\n${month},Underwriting,Triage,10,5.0,0\n`,
        ),
      }),
    ]);
  }

  it('lists the teams with an adoption-gap alert, their resistant high-influence people first, with last contact and barrier point', async () => {
    const { north, amy, ben, cleo, dev, sessionDay } = await seed();
    await imports(t.dir);
    const gap = await callTyped(t.host, 'stakeholders.gapContacts', { today });
    expect(gap.map((g) => g.team)).toEqual(['Claims North']);
    const report = await callTyped(t.host, 'reports.get', { initiative: null, team: north, from: null, to: null });
    const [cn] = gap;
    // The report's own figures for the team, not a second computation.
    expect(cn).toMatchObject({
      teamId: north,
      formal: report.overall.formal,
      real: report.overall.real,
      gap: report.overall.gap,
      alerts: ['ADOPTION_GAP'],
    });
    // Ben (sceptical, influence 5) before Amy (opposed, influence 2), then Dev (neutral), then Cleo (an ally).
    expect(cn?.people.map((p) => p.stakeholderId)).toEqual([ben.id, amy.id, dev.id, cleo.id]);
    expect(cn?.people.map((p) => [p.name, p.barrierPoint, p.lastContact])).toEqual([
      ['Ben', 'desire', null],
      ['Amy', 'desire', sessionDay],
      ['Dev', null, null],
      ['Cleo', 'ability', null],
    ]);
  });

  it('lists nobody while no team has an adoption-gap or override alert', async () => {
    await seed();
    expect(await callTyped(t.host, 'stakeholders.gapContacts', { today })).toEqual([]);
  });
});

describe('the register as CSV', () => {
  it('writes one row per live stakeholder, ADKAR blanks empty, and neutralises cells that start like a formula', async () => {
    const teams = await callTyped(t.host, 'teams.list', {});
    const north = teams.find((x) => x.name === 'Claims North')?.id ?? '';
    await callTyped(t.host, 'stakeholders.create', {
      name: '=HYPERLINK("http://evil.example","Ravi")',
      title: 'Lead, claims',
      teamId: north,
      influence: 5,
      interest: 2,
      support: 'sceptical',
      awareness: 4,
      desire: 2,
      tags: ['leads', 'north'],
      notes: '-2+3',
    });
    const gone = await callTyped(t.host, 'stakeholders.create', {
      name: 'Gone',
      teamId: north,
      influence: 1,
      interest: 1,
      support: 'neutral',
    });
    await callTyped(t.host, 'stakeholders.delete', { id: gone.id });
    const csv = await callTyped(t.host, 'stakeholders.exportCsv', {});
    expect(csv).toMatchObject({ fileName: 'uptake-stakeholders.csv', mimeType: 'text/csv', rows: 1 });
    expect(csv.content).toBe(
      'name,title,team,email,influence,interest,support,awareness,desire,knowledge,ability,reinforcement,barrier_point,quadrant,open_concerns,owner,tags,notes\r\n' +
        `"'=HYPERLINK(""http://evil.example"",""Ravi"")","Lead, claims",Claims North,,5,2,sceptical,4,2,,,,desire,keep satisfied,0,,leads; north,"'-2+3"\r\n`,
    );
  });
});
