import { describe, expect, it } from 'vitest';
import { call, callTyped } from '../../db/api';
import { exportWorkspace } from '../../db/export';
import { recordHistory } from '../../db/history/history';
import { idsByName, workspaceForEachTest } from '../helpers';

const t = workspaceForEachTest({ teams: ['Claims North', 'Underwriting'], initiatives: ['Claims triage assistant'] });

async function setup() {
  const id = await idsByName(t.host);
  const [north, underwriting, dana] = [id.team('Claims North'), id.team('Underwriting'), id.member('Dana Lee')];
  const ravi = await callTyped(t.host, 'stakeholders.create', {
    name: 'Ravi',
    teamId: north,
    influence: 4,
    interest: 4,
    support: 'sceptical',
  });
  const session = (at: string) =>
    callTyped(t.host, 'stakeholderSessions.create', {
      at,
      kind: 'town hall',
      facilitatorMemberId: dana,
      attendees: [{ stakeholderId: ravi.id }],
    });
  return { north, underwriting, dana, session };
}

describe('the communication plan', () => {
  it('is due on its start date, then a cadence after the last delivery; overdue first, most overdue first, then due today, upcoming, done', async () => {
    const { north, underwriting, dana } = await setup();
    const plan = (message: string, startOn: string, everyDays: number | null, group: { teamId: string } | { tag: string }) =>
      callTyped(t.host, 'stakeholderPlan.create', { message, channel: 'email', ownerMemberId: dana, startOn, everyDays, ...group });
    await plan('Weekly tips', '2026-03-09', 7, { teamId: north });
    await plan('Pilot results', '2026-03-02', null, { tag: 'leads' });
    await plan('Town hall invite', '2026-03-10', null, { teamId: underwriting });
    await plan('Newsletter', '2026-03-20', 30, { teamId: north });
    // As of 10 March: Pilot results due 2 March (8 days over), Weekly tips due 9 March (1 day), the
    // invite due today, the newsletter on 20 March (upcoming).
    const list = await callTyped(t.host, 'stakeholderPlan.list', { today: '2026-03-10' });
    expect(list.map((x) => [x.message, x.nextDue, x.state, x.overdueDays])).toEqual([
      ['Pilot results', '2026-03-02', 'overdue', 8],
      ['Weekly tips', '2026-03-09', 'overdue', 1],
      ['Town hall invite', '2026-03-10', 'due', null],
      ['Newsletter', '2026-03-20', 'upcoming', null],
    ]);
    expect(list.map((x) => x.team ?? `#${x.tag}`)).toEqual(['#leads', 'Claims North', 'Underwriting', 'Claims North']);
  });

  it('marking done links the session that delivered it and moves the next due date; a one-off is done; an older session is refused', async () => {
    const { north, dana, session } = await setup();
    const weekly = await callTyped(t.host, 'stakeholderPlan.create', {
      message: 'Override figures',
      channel: 'meeting',
      teamId: north,
      everyDays: 14,
      ownerMemberId: dana,
      startOn: '2026-03-01',
    });
    const once = await callTyped(t.host, 'stakeholderPlan.create', {
      message: 'Kick-off',
      channel: 'town hall',
      teamId: north,
      ownerMemberId: dana,
      startOn: '2026-03-01',
    });
    const march4 = await session('2026-03-04T10:00');
    const done = await callTyped(t.host, 'stakeholderPlan.deliver', { id: weekly.id, sessionId: march4.id });
    expect([done.lastDeliveredOn, done.lastSessionId]).toEqual(['2026-03-04', march4.id]);
    await callTyped(t.host, 'stakeholderPlan.deliver', { id: once.id, sessionId: march4.id });
    const list = await callTyped(t.host, 'stakeholderPlan.list', { today: '2026-03-19' });
    // 4 March + 14 days = 18 March: one day over on the 19th. The kick-off is done.
    expect(list.map((x) => [x.message, x.nextDue, x.state, x.overdueDays])).toEqual([
      ['Override figures', '2026-03-18', 'overdue', 1],
      ['Kick-off', null, 'done', null],
    ]);

    const before = JSON.stringify(exportWorkspace(t.engine));
    const older = await session('2026-03-02T09:00');
    const afterSession = JSON.stringify(exportWorkspace(t.engine));
    expect(afterSession).not.toBe(before);
    await expect(call(t.host, 'stakeholderPlan.deliver', { id: weekly.id, sessionId: older.id })).rejects.toThrow(
      /before the last delivery \(2026-03-04\)/,
    );
    await expect(call(t.host, 'stakeholderPlan.deliver', { id: weekly.id, sessionId: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(afterSession);

    // The history drawer shows each delivery: who, and the date moving on.
    const march18 = await session('2026-03-18T10:00');
    await callTyped(t.host, 'stakeholderPlan.deliver', { id: weekly.id, sessionId: march18.id });
    const deliveries = recordHistory(t.engine, 'plan_touchpoints', weekly.id)
      .filter((h) => !h.created)
      .flatMap((h) => h.changes.filter((c) => c.field === 'lastDeliveredOn').map((c) => [c.from, c.to]));
    expect(deliveries).toEqual([
      ['2026-03-04', '2026-03-18'],
      [null, '2026-03-04'],
    ]);
    expect((await callTyped(t.host, 'stakeholderPlan.list', { today: '2026-03-19' }))[0]).toMatchObject({
      message: 'Override figures',
      nextDue: '2026-04-01',
      state: 'upcoming',
    });
  });

  it('refuses a touchpoint for no group or both, an unknown team, a bad cadence, and writes nothing', async () => {
    const { north, dana } = await setup();
    const before = JSON.stringify(exportWorkspace(t.engine));
    const base = { message: 'Tips', channel: 'newsletter', ownerMemberId: dana, startOn: '2026-03-01' } as const;
    await expect(call(t.host, 'stakeholderPlan.create', base)).rejects.toThrow(/one team or one tag/);
    await expect(call(t.host, 'stakeholderPlan.create', { ...base, teamId: north, tag: 'leads' })).rejects.toThrow(/not both/);
    await expect(call(t.host, 'stakeholderPlan.create', { ...base, teamId: 'nope' })).rejects.toThrow(/no team with id nope/);
    await expect(call(t.host, 'stakeholderPlan.create', { ...base, tag: 'leads', everyDays: 0 })).rejects.toThrow(/at least 1 day/);
    await expect(call(t.host, 'stakeholderPlan.create', { ...base, tag: 'leads', channel: 'fax' })).rejects.toThrow(
      /channel must be one of/,
    );
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
  });

  it('champions read the touchpoints of the teams they champion and their own, and mark done only their own', async () => {
    const { north, underwriting, dana, session } = await setup();
    const tom = await callTyped(t.host, 'members.create', { name: 'Tom Okafor', role: 'champion', profileOnThisDevice: true });
    const initiativeId = (await callTyped(t.host, 'initiatives.list', {}))[0]?.id ?? '';
    const program = await callTyped(t.host, 'champions.createProgram', { name: 'Claims champions', initiativeId });
    await callTyped(t.host, 'champions.create', { programId: program.id, memberId: tom.id, teamId: north, since: '2026-01-01' });
    const add = (message: string, group: { teamId: string } | { tag: string }, ownerMemberId: string) =>
      callTyped(t.host, 'stakeholderPlan.create', { message, channel: 'chat post', ownerMemberId, startOn: '2026-03-01', ...group });
    const danas = await add('North update', { teamId: north }, dana);
    const toms = await add('Leads digest', { tag: 'leads' }, tom.id);
    await add('Underwriting update', { teamId: underwriting }, dana);
    await add('Sponsor note', { tag: 'sponsors' }, dana);
    const asTom = { ...t.host, actAs: 'Tom Okafor' };
    expect((await callTyped(asTom, 'stakeholderPlan.list', { today: '2026-03-01' })).map((x) => x.message).sort()).toEqual([
      'Leads digest',
      'North update',
    ]);
    const s = await session('2026-03-02T10:00');
    expect((await callTyped(asTom, 'stakeholderPlan.deliver', { id: toms.id, sessionId: s.id })).lastDeliveredOn).toBe('2026-03-02');
    await expect(call(asTom, 'stakeholderPlan.deliver', { id: danas.id, sessionId: s.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/touchpoints they own/),
    });
    await expect(call(asTom, 'stakeholderPlan.update', { id: toms.id, everyDays: 7 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await callTyped(t.host, 'stakeholderPlan.list', { today: '2026-03-01' })).length).toBe(4);
  });
});
