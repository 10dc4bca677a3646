import { describe, expect, it } from 'vitest';
import { call, callTyped } from '../../db/api';
import type { InputOf } from '../../db/api/handlers';
import { exportWorkspace } from '../../db/export';
import { barrierPoint, quadrantOf } from '../../db/stakeholders/model';
import { workspaceForEachTest } from '../helpers';

const t = workspaceForEachTest({ teams: ['Claims North', 'Underwriting'], initiatives: ['Claims triage assistant'] });

const unassessed = { awareness: null, desire: null, knowledge: null, ability: null, reinforcement: null };

/** Names a member champion of a team, in a program of its own. */
async function championOf(memberId: string, teamId: string, status: 'active' | 'paused' | 'left' = 'active') {
  const initiativeId = (await callTyped(t.host, 'initiatives.list', {}))[0]?.id ?? '';
  const program = await callTyped(t.host, 'champions.createProgram', { name: `Champions ${teamId}`, initiativeId });
  return callTyped(t.host, 'champions.create', { programId: program.id, memberId, teamId, since: '2026-01-01', status });
}

async function setup() {
  const teams = await callTyped(t.host, 'teams.list', {});
  const north = teams.find((x) => x.name === 'Claims North')?.id ?? '';
  const dana = (await callTyped(t.host, 'members.list', {}))[0]?.id ?? '';
  return { north, dana };
}

/** Ravi in Claims North, neutral and middling unless told otherwise. */
const ravi = (north: string, ratings: Partial<Pick<InputOf<'stakeholders.create'>, 'influence' | 'interest' | 'support'>> = {}) =>
  callTyped(t.host, 'stakeholders.create', { name: 'Ravi', teamId: north, influence: 3, interest: 3, support: 'neutral', ...ratings });

describe('stakeholder rules', () => {
  it('the barrier point is the first ADKAR element at 3 or below, in ADKAR order', () => {
    expect(barrierPoint(unassessed)).toBeNull();
    expect(barrierPoint({ awareness: 5, desire: 4, knowledge: 4, ability: 5, reinforcement: 4 })).toBeNull();
    expect(barrierPoint({ awareness: 5, desire: 3, knowledge: 1, ability: 2, reinforcement: 1 })).toBe('desire');
    expect(barrierPoint({ awareness: 2, desire: 1, knowledge: 5, ability: 5, reinforcement: 5 })).toBe('awareness');
    expect(barrierPoint({ awareness: 4, desire: 4, knowledge: 4, ability: 4, reinforcement: 3 })).toBe('reinforcement');
    // An element not assessed yet is no barrier; the first assessed weak one is.
    expect(barrierPoint({ ...unassessed, knowledge: 2 })).toBe('knowledge');
  });

  it('the quadrant splits influence and interest at 4 (4–5 high, 1–3 not)', () => {
    expect(quadrantOf(5, 5)).toBe('manage closely');
    expect(quadrantOf(4, 4)).toBe('manage closely');
    expect(quadrantOf(4, 3)).toBe('keep satisfied');
    expect(quadrantOf(5, 1)).toBe('keep satisfied');
    expect(quadrantOf(3, 4)).toBe('keep informed');
    expect(quadrantOf(1, 5)).toBe('keep informed');
    expect(quadrantOf(3, 3)).toBe('monitor');
    expect(quadrantOf(1, 1)).toBe('monitor');
  });
});

describe('the stakeholder register', () => {
  it('creates a stakeholder with derived quadrant, barrier point, owner and team names', async () => {
    const { north, dana } = await setup();
    const s = await callTyped(t.host, 'stakeholders.create', {
      name: 'Ravi Kumar',
      title: 'Claims lead',
      teamId: north,
      email: '',
      influence: 5,
      interest: 2,
      support: 'sceptical',
      awareness: 4,
      desire: 2,
      ownerMemberId: dana,
      tags: [' leads ', 'leads', 'north'],
    });
    expect(s).toMatchObject({
      team: 'Claims North',
      owner: 'Dana Lee',
      email: null,
      quadrant: 'keep satisfied',
      barrierPoint: 'desire',
      knowledge: null,
      tags: ['leads', 'north'],
      openConcerns: 0,
    });
    const listed = await callTyped(t.host, 'stakeholders.list', {});
    expect(listed.map((x) => x.name)).toEqual(['Ravi Kumar']);
  });

  it('refuses bad ratings, unknown teams and owners with a message, and changes nothing', async () => {
    const { north } = await setup();
    const before = JSON.stringify(exportWorkspace(t.engine));
    await expect(
      call(t.host, 'stakeholders.create', { name: 'A', teamId: north, influence: 6, interest: 0, support: 'meh' }),
    ).rejects.toThrow(
      /influence: influence must be from 1 to 5[\s\S]*interest: interest must be from 1 to 5[\s\S]*support: support must be one of opposed, sceptical/,
    );
    await expect(
      call(t.host, 'stakeholders.create', { name: 'A', teamId: 'nope', influence: 3, interest: 3, support: 'neutral' }),
    ).rejects.toThrow(/teamId: no team with id nope/);
    await expect(
      call(t.host, 'stakeholders.create', { name: 'A', teamId: north, influence: 3, interest: 3, support: 'neutral', ownerMemberId: 'x' }),
    ).rejects.toThrow(/ownerMemberId: no member with id x/);
    await expect(
      call(t.host, 'stakeholders.create', {
        name: 'A',
        teamId: north,
        influence: 3,
        interest: 3,
        support: 'neutral',
        email: 'not-an-email',
      }),
    ).rejects.toThrow(/Email must look like name@example.com/);
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
  });

  it('counts open concerns, needs a label for "other", and keeps resolved ones out of the count', async () => {
    const { north } = await setup();
    const s = await ravi(north);
    const c1 = await callTyped(t.host, 'stakeholders.addConcern', { stakeholderId: s.id, kind: 'loss of control' });
    await callTyped(t.host, 'stakeholders.addConcern', { stakeholderId: s.id, kind: 'other', label: 'Pay', status: 'being addressed' });
    await expect(call(t.host, 'stakeholders.addConcern', { stakeholderId: s.id, kind: 'other' })).rejects.toThrow(/needs a label/);
    await expect(call(t.host, 'stakeholders.addConcern', { stakeholderId: 'nope', kind: 'other', label: 'x' })).rejects.toThrow(
      /No stakeholder with id nope/,
    );
    expect((await callTyped(t.host, 'stakeholders.get', { id: s.id })).openConcerns).toBe(2);
    expect(c1.status).toBe('raised');
    await callTyped(t.host, 'stakeholders.updateConcern', { id: c1.id, status: 'resolved' });
    expect((await callTyped(t.host, 'stakeholders.list', {}))[0]?.openConcerns).toBe(1);
    const concerns = await callTyped(t.host, 'stakeholders.concerns', { stakeholderId: s.id });
    expect(concerns.map((c) => [c.kind, c.label, c.status])).toEqual([
      ['loss of control', null, 'resolved'],
      ['other', 'Pay', 'being addressed'],
    ]);
  });

  it('keeps a dated history of ratings and concerns in the change log: the timeline and the history drawer agree', async () => {
    const { north } = await setup();
    const s = await ravi(north, { influence: 2, interest: 2, support: 'sceptical' });
    await callTyped(t.host, 'stakeholders.update', { id: s.id, influence: 4, interest: 5 });
    await callTyped(t.host, 'stakeholders.update', { id: s.id, title: 'Team lead' });
    await callTyped(t.host, 'stakeholders.update', { id: s.id, support: 'supportive', desire: 2 });
    const c = await callTyped(t.host, 'stakeholders.addConcern', { stakeholderId: s.id, kind: 'increased monitoring' });
    await callTyped(t.host, 'stakeholders.updateConcern', { id: c.id, status: 'being addressed' });

    const timeline = await callTyped(t.host, 'stakeholders.timeline', { id: s.id });
    // Newest first; the title change is not a rating, so it is not on the timeline.
    expect(timeline.map((e) => [e.kind, e.changes.map((x) => `${x.field}:${String(x.from)}→${String(x.to)}`).join(' ')])).toEqual([
      ['concern', 'status:raised→being addressed'],
      ['concern', expect.stringContaining('kind:null→increased monitoring')],
      ['rating', 'desire:null→2 support:sceptical→supportive'],
      ['rating', 'influence:2→4 interest:2→5'],
      ['created', expect.stringContaining('support:null→sceptical')],
    ]);
    expect(timeline.every((e) => e.author?.name === 'Dana Lee' && /^\d{4}-\d{2}-\d{2}T/.test(e.at))).toBe(true);

    const history = await callTyped(t.host, 'history.get', { table: 'stakeholders', id: s.id });
    expect(history).toHaveLength(4);
    expect(history[0]?.changes).toEqual([
      { field: 'desire', from: null, to: 2 },
      { field: 'support', from: 'sceptical', to: 'supportive' },
    ]);
    const concernHistory = await callTyped(t.host, 'history.get', { table: 'stakeholder_concerns', id: c.id });
    expect(concernHistory[0]?.changes).toEqual([{ field: 'status', from: 'raised', to: 'being addressed' }]);
  });

  it('deletes to a tombstone and restores', async () => {
    const { north } = await setup();
    const s = await ravi(north);
    await callTyped(t.host, 'stakeholders.delete', { id: s.id });
    expect(await callTyped(t.host, 'stakeholders.list', {})).toEqual([]);
    expect((await callTyped(t.host, 'stakeholders.list', { includeDeleted: true }))[0]?.deleted).toBe(true);
    await expect(call(t.host, 'stakeholders.update', { id: s.id, influence: 5 })).rejects.toThrow(/No stakeholder with id/);
    await callTyped(t.host, 'stakeholders.restore', { id: s.id });
    expect((await callTyped(t.host, 'stakeholders.list', {})).map((x) => x.name)).toEqual(['Ravi']);
  });

  it('lets champions and sponsors read but not re-rate, delete or record concerns', async () => {
    const { north } = await setup();
    const tom = await callTyped(t.host, 'members.create', { name: 'Tom Okafor', role: 'champion', profileOnThisDevice: true });
    await callTyped(t.host, 'members.create', { name: 'Priya Shah', role: 'sponsor', profileOnThisDevice: true });
    await championOf(tom.id, north);
    const s = await ravi(north);
    const before = JSON.stringify(exportWorkspace(t.engine));
    for (const actAs of ['Tom Okafor', 'Priya Shah']) {
      const as = { ...t.host, actAs };
      expect((await callTyped(as, 'stakeholders.list', {})).map((x) => x.name)).toEqual(['Ravi']);
      expect(await callTyped(as, 'stakeholders.timeline', { id: s.id })).toHaveLength(1);
      await expect(call(as, 'stakeholders.update', { id: s.id, influence: 5 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(call(as, 'stakeholders.delete', { id: s.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(call(as, 'stakeholders.addConcern', { stakeholderId: s.id, kind: 'loss of control' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
  });
});

describe('champions see the stakeholders of the teams they champion', () => {
  it('filters every read to their teams (with sub-teams), refuses the others by id, and leaves sponsors the whole register', async () => {
    const { north } = await setup();
    const uw = (await callTyped(t.host, 'teams.list', {})).find((x) => x.name === 'Underwriting')?.id ?? '';
    const motor = await callTyped(t.host, 'teams.create', { name: 'North motor', parentId: north });
    const tom = await callTyped(t.host, 'members.create', { name: 'Tom Okafor', role: 'champion', profileOnThisDevice: true });
    await callTyped(t.host, 'members.create', { name: 'Priya Shah', role: 'sponsor', profileOnThisDevice: true });
    const asTom = { ...t.host, actAs: 'Tom Okafor' };
    await ravi(north);
    const kim = await callTyped(t.host, 'stakeholders.create', {
      name: 'Kim',
      teamId: motor.id,
      influence: 2,
      interest: 2,
      support: 'neutral',
    });
    const una = await callTyped(t.host, 'stakeholders.create', { name: 'Una', teamId: uw, influence: 5, interest: 5, support: 'opposed' });
    await callTyped(t.host, 'stakeholders.addConcern', { stakeholderId: una.id, kind: 'job displacement' });

    // Champion of nothing yet: an empty register, and the scope says why.
    expect(await callTyped(asTom, 'stakeholders.list', {})).toEqual([]);
    expect(await callTyped(asTom, 'stakeholders.scope', {})).toEqual({ limited: true, teams: [] });

    const entry = await championOf(tom.id, north);
    expect((await callTyped(asTom, 'stakeholders.list', {})).map((x) => x.name)).toEqual(['Kim', 'Ravi']);
    expect(await callTyped(asTom, 'stakeholders.scope', {})).toEqual({ limited: true, teams: [{ id: north, name: 'Claims North' }] });
    expect((await callTyped(asTom, 'stakeholders.get', { id: kim.id })).name).toBe('Kim');
    for (const [op, input] of [
      ['stakeholders.get', { id: una.id }],
      ['stakeholders.timeline', { id: una.id }],
      ['stakeholders.concerns', { stakeholderId: una.id }],
    ] as const) {
      await expect(call(asTom, op, input)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringMatching(/teams they champion/),
      });
    }
    const view = await callTyped(asTom, 'stakeholders.teams', { today: '2026-03-01' });
    expect(view.teams.map((x) => x.team)).toEqual(['Claims North', 'North motor']);
    expect(view.trend.kinds.find((k) => k.kind === 'job displacement')?.open).toBe(0);
    const csv = await callTyped(asTom, 'stakeholders.exportCsv', {});
    expect([csv.rows, csv.content.includes('Una')]).toEqual([2, false]);
    const health = await callTyped(asTom, 'stakeholderSessions.health', { today: '2026-03-01' });
    expect(health.map((h) => h.name).sort()).toEqual(['Kim', 'Ravi']);

    // A champion who left no longer sees the team; a change manager and a sponsor see everyone.
    await callTyped(t.host, 'champions.update', { id: entry.id, status: 'left' });
    expect(await callTyped(asTom, 'stakeholders.list', {})).toEqual([]);
    expect((await callTyped({ ...t.host, actAs: 'Priya Shah' }, 'stakeholders.list', {})).map((x) => x.name)).toEqual([
      'Kim',
      'Ravi',
      'Una',
    ]);
    expect(await callTyped({ ...t.host, actAs: 'Priya Shah' }, 'stakeholders.scope', {})).toEqual({ limited: false, teams: [] });
    expect((await callTyped(t.host, 'stakeholders.list', {})).map((x) => x.name)).toEqual(['Kim', 'Ravi', 'Una']);
  });
});
