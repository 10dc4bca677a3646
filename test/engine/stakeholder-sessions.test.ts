import { describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import { checkDatabase } from '../../db/check';
import { recordHistory } from '../../db/history/history';
import { idsByName, userError, workspaceForEachTest } from '../helpers';

const t = workspaceForEachTest({ teams: ['Claims North', 'Underwriting'], initiatives: ['Claims triage assistant'] });

async function setup() {
  const id = await idsByName(t.host);
  const [north, underwriting, dana] = [id.team('Claims North'), id.team('Underwriting'), id.member('Dana Lee')];
  const tom = await callTyped(t.host, 'members.create', { name: 'Tom Okafor', role: 'champion', profileOnThisDevice: true });
  // Tom champions Claims North: he sees its people, not Underwriting's.
  const initiativeId = id.initiative('Claims triage assistant');
  const program = await callTyped(t.host, 'champions.createProgram', { name: 'Claims champions', initiativeId });
  await callTyped(t.host, 'champions.create', { programId: program.id, memberId: tom.id, teamId: north, since: '2026-01-01' });
  const person = (name: string, influence: number, interest: number) =>
    callTyped(t.host, 'stakeholders.create', { name, teamId: north, influence, interest, support: 'sceptical' });
  // Ravi: manage closely (5, 5); Ana: keep satisfied (4, 2); Joe: monitor (2, 2); Kim: keep informed (2, 5).
  const ravi = await person('Ravi Kumar', 5, 5);
  const ana = await person('Ana Silva', 4, 2);
  const joe = await person('Joe Park', 2, 2);
  const kim = await person('Kim Lee', 2, 5);
  return { north, underwriting, dana, tom: tom.id, ravi, ana, joe, kim };
}

describe('logging a session', () => {
  it('writes attendees, concerns and actions; ratings go through the write path, dated at the session', async () => {
    const { dana, ravi, ana } = await setup();
    const concern = await callTyped(t.host, 'stakeholders.addConcern', { stakeholderId: ana.id, kind: 'loss of control' });
    const session = await callTyped(t.host, 'stakeholderSessions.create', {
      at: '2026-02-03T09:30',
      kind: 'steering committee',
      facilitatorMemberId: dana,
      decisions: 'Pilot the triage assistant in Claims North',
      attendees: [
        { stakeholderId: ravi.id, sentiment: 'positive', support: 'supportive', desire: 4 },
        { stakeholderId: ana.id, sentiment: 'negative' },
      ],
      raise: [{ stakeholderId: ana.id, kind: 'increased monitoring', note: 'Worried the AI logs every override' }],
      address: [{ concernId: concern.id, status: 'being addressed' }],
      actions: [{ what: 'Send Ana the override policy', ownerMemberId: dana, due: '2026-02-10', stakeholderId: ana.id }],
    });
    expect(session.attendees.map((a) => [a.name, a.sentiment])).toEqual([
      ['Ana Silva', 'negative'],
      ['Ravi Kumar', 'positive'],
    ]);
    expect(session.facilitator).toBe('Dana Lee');

    // Ravi's support and desire changed in one logged write, by Dana, with the session's date beside it.
    expect(await callTyped(t.host, 'stakeholders.get', { id: ravi.id })).toMatchObject({ support: 'supportive', desire: 4 });
    const [latest] = recordHistory(t.engine, 'stakeholders', ravi.id);
    expect(latest?.author?.name).toBe('Dana Lee');
    expect(latest?.changes).toEqual(
      expect.arrayContaining([
        { field: 'support', from: 'sceptical', to: 'supportive' },
        { field: 'desire', from: null, to: 4 },
        { field: 'ratedAt', from: null, to: '2026-02-03T09:30' },
      ]),
    );
    const timeline = await callTyped(t.host, 'stakeholders.timeline', { id: ravi.id });
    const rating = timeline.find((e) => e.kind === 'rating');
    expect(rating).toMatchObject({ at: '2026-02-03T09:30', session: { id: session.id, kind: 'steering committee' } });
    expect(rating?.changes.map((c) => c.field).sort()).toEqual(['desire', 'support']);
    expect(timeline.find((e) => e.kind === 'session')).toMatchObject({ at: '2026-02-03T09:30', session: { sentiment: 'positive' } });
    // Ana was not re-rated: no rating entry, only her creation.
    expect((await callTyped(t.host, 'stakeholders.timeline', { id: ana.id })).filter((e) => e.kind === 'rating')).toEqual([]);

    const concerns = await callTyped(t.host, 'stakeholders.concerns', { stakeholderId: ana.id });
    expect(concerns.map((c) => [c.kind, c.status, c.raisedInSessionId, c.addressedInSessionId])).toEqual([
      ['loss of control', 'being addressed', null, session.id],
      ['increased monitoring', 'raised', session.id, null],
    ]);
    const actions = await callTyped(t.host, 'stakeholderActions.list', { today: '2026-02-04' });
    expect(actions).toEqual([
      expect.objectContaining({ what: 'Send Ana the override policy', sessionId: session.id, stakeholder: 'Ana Silva' }),
    ]);
  });

  it('changing the attendees removes the one no longer listed and keeps the others', async () => {
    const { dana, ravi, ana, joe } = await setup();
    const session = await callTyped(t.host, 'stakeholderSessions.create', {
      at: '2026-02-03T09:30',
      kind: 'workshop',
      facilitatorMemberId: dana,
      attendees: [{ stakeholderId: ravi.id }, { stakeholderId: ana.id, sentiment: 'neutral' }],
    });
    const changed = await callTyped(t.host, 'stakeholderSessions.update', {
      id: session.id,
      attendees: [{ stakeholderId: ana.id }, { stakeholderId: joe.id, sentiment: 'positive' }],
    });
    expect(changed.attendees.map((a) => [a.name, a.sentiment])).toEqual([
      ['Ana Silva', 'neutral'],
      ['Joe Park', 'positive'],
    ]);
    expect((await callTyped(t.host, 'stakeholders.timeline', { id: ravi.id })).some((e) => e.kind === 'session')).toBe(false);
  });

  it('refuses a session without attendees, with an attendee twice, or with an unknown facilitator, and writes nothing', async () => {
    const { dana, ravi } = await setup();
    const base = { at: '2026-02-03T09:30', kind: 'one-to-one' as const, facilitatorMemberId: dana };
    expect((await userError(callTyped(t.host, 'stakeholderSessions.create', { ...base, attendees: [] }))).message).toMatch(
      /at least one attendee/,
    );
    const twice = await userError(
      callTyped(t.host, 'stakeholderSessions.create', { ...base, attendees: [{ stakeholderId: ravi.id }, { stakeholderId: ravi.id }] }),
    );
    expect(twice.message).toMatch(/listed twice/);
    const nobody = await userError(
      callTyped(t.host, 'stakeholderSessions.create', { ...base, facilitatorMemberId: 'nobody', attendees: [{ stakeholderId: ravi.id }] }),
    );
    expect(nobody.message).toMatch(/facilitatorMemberId: no member/);
    // A bad action rolls back the whole session, its attendees and its ratings.
    const bad = await userError(
      callTyped(t.host, 'stakeholderSessions.create', {
        ...base,
        attendees: [{ stakeholderId: ravi.id, support: 'advocate' }],
        actions: [{ what: 'Follow up', ownerMemberId: 'nobody', due: '2026-02-10' }],
      }),
    );
    expect(bad.message).toMatch(/ownerMemberId: no member/);
    expect(await callTyped(t.host, 'stakeholderSessions.list', {})).toEqual([]);
    expect((await callTyped(t.host, 'stakeholders.get', { id: ravi.id })).support).toBe('sceptical');
  });
});

describe('champions log the sessions they ran', () => {
  it('may log and change their own session, not re-rate, not run one for someone else, not delete', async () => {
    const { dana, tom, ravi } = await setup();
    const asTom = { ...t.host, actAs: 'Tom Okafor' };
    const own = await callTyped(asTom, 'stakeholderSessions.create', {
      at: '2026-02-05T11:00',
      kind: 'demo',
      facilitatorMemberId: tom,
      attendees: [{ stakeholderId: ravi.id, sentiment: 'neutral' }],
      raise: [{ stakeholderId: ravi.id, kind: 'workflow disruption' }],
      actions: [{ what: 'Book a second demo', ownerMemberId: tom, due: '2026-02-12' }],
    });
    expect((await callTyped(asTom, 'stakeholderSessions.update', { id: own.id, notes: 'Went well' })).notes).toBe('Went well');

    const rerate = await userError(
      callTyped(asTom, 'stakeholderSessions.update', { id: own.id, attendees: [{ stakeholderId: ravi.id, support: 'advocate' }] }),
    );
    expect([rerate.code, rerate.message]).toEqual(['FORBIDDEN', expect.stringMatching(/do not re-rate/)]);
    expect((await callTyped(t.host, 'stakeholders.get', { id: ravi.id })).support).toBe('sceptical');

    const forDana = await userError(
      callTyped(asTom, 'stakeholderSessions.create', {
        at: '2026-02-05T11:00',
        kind: 'demo',
        facilitatorMemberId: dana,
        attendees: [{ stakeholderId: ravi.id }],
      }),
    );
    expect([forDana.code, forDana.message]).toEqual(['FORBIDDEN', expect.stringMatching(/facilitator must be you/)]);

    const danas = await callTyped(t.host, 'stakeholderSessions.create', {
      at: '2026-02-06T11:00',
      kind: 'one-to-one',
      facilitatorMemberId: dana,
      attendees: [{ stakeholderId: ravi.id }],
    });
    expect((await userError(callTyped(asTom, 'stakeholderSessions.update', { id: danas.id, notes: 'Mine now' }))).code).toBe('FORBIDDEN');
    expect((await userError(callTyped(asTom, 'stakeholderSessions.delete', { id: own.id }))).code).toBe('FORBIDDEN');
    // Tom marks his own action done; a change manager's action is not his to change.
    const [tomsAction] = await callTyped(asTom, 'stakeholderActions.list', { today: '2026-02-06' });
    expect((await callTyped(asTom, 'stakeholderActions.update', { id: tomsAction?.id ?? '', status: 'done' })).status).toBe('done');
    const danasAction = await callTyped(t.host, 'stakeholderActions.create', {
      what: 'Brief the sponsor',
      ownerMemberId: dana,
      due: '2026-02-08',
    });
    expect((await userError(callTyped(asTom, 'stakeholderActions.update', { id: danasAction.id, status: 'done' }))).code).toBe('FORBIDDEN');
  });
});

describe('champions work with the people of the teams they champion', () => {
  /**
   * The usual setup, plus Una of Underwriting (a team Tom does not champion), Dana's one-to-one with
   * her (with a follow-up action for her) and Tom's view.
   */
  async function withUna() {
    const ids = await setup();
    const una = await callTyped(t.host, 'stakeholders.create', {
      name: 'Una Berg',
      teamId: ids.underwriting,
      influence: 4,
      interest: 4,
      support: 'opposed',
    });
    const unas = await callTyped(t.host, 'stakeholderSessions.create', {
      at: '2026-02-03T10:00',
      kind: 'one-to-one',
      facilitatorMemberId: ids.dana,
      attendees: [{ stakeholderId: una.id }],
      actions: [{ what: 'Send Una the pilot figures', ownerMemberId: ids.dana, due: '2026-02-10', stakeholderId: una.id }],
    });
    return { ...ids, una, unas, asTom: { ...t.host, actAs: 'Tom Okafor' } };
  }

  it('see only those sessions and actions, cannot add someone of another team, and keep the attendees they do not see', async () => {
    const { dana, tom, ravi, una, unas, asTom } = await withUna();
    const mixed = await callTyped(t.host, 'stakeholderSessions.create', {
      at: '2026-02-02T10:00',
      kind: 'workshop',
      facilitatorMemberId: tom,
      attendees: [{ stakeholderId: ravi.id }, { stakeholderId: una.id, sentiment: 'negative' }],
    });
    await callTyped(t.host, 'stakeholderActions.create', {
      what: 'Call Ravi',
      ownerMemberId: dana,
      due: '2026-02-11',
      stakeholderId: ravi.id,
    });

    const seen = await callTyped(asTom, 'stakeholderSessions.list', {});
    expect(seen.map((x) => [x.id, x.attendees.map((a) => a.name)])).toEqual([[mixed.id, ['Ravi Kumar']]]);
    expect((await userError(callTyped(asTom, 'stakeholderSessions.get', { id: unas.id }))).code).toBe('FORBIDDEN');
    expect((await callTyped(asTom, 'stakeholderActions.list', { today: '2026-02-05' })).map((a) => a.what)).toEqual(['Call Ravi']);
    expect((await callTyped(t.host, 'stakeholderActions.list', { today: '2026-02-05' })).map((a) => a.what)).toEqual([
      'Send Una the pilot figures',
      'Call Ravi',
    ]);

    const outside = await userError(
      callTyped(asTom, 'stakeholderSessions.create', {
        at: '2026-02-05T11:00',
        kind: 'demo',
        facilitatorMemberId: tom,
        attendees: [{ stakeholderId: ravi.id }, { stakeholderId: una.id }],
      }),
    );
    expect([outside.code, outside.message]).toEqual(['FORBIDDEN', expect.stringMatching(/one attendee is in another team/)]);
    const action = await userError(
      callTyped(asTom, 'stakeholderActions.create', { what: 'Visit Una', ownerMemberId: tom, due: '2026-02-12', stakeholderId: una.id }),
    );
    expect(action.code).toBe('FORBIDDEN');
    expect((await callTyped(t.host, 'stakeholderSessions.list', {})).map((x) => x.id)).toEqual([unas.id, mixed.id]);

    // Tom changes Ravi's sentiment in the workshop he ran; Una stays an attendee, as she was.
    await callTyped(asTom, 'stakeholderSessions.update', { id: mixed.id, attendees: [{ stakeholderId: ravi.id, sentiment: 'positive' }] });
    const after = await callTyped(t.host, 'stakeholderSessions.get', { id: mixed.id });
    expect(after.attendees.map((a) => [a.name, a.sentiment])).toEqual([
      ['Ravi Kumar', 'positive'],
      ['Una Berg', 'negative'],
    ]);
  });

  it('read the history of those records only: the people, their concerns, the sessions and actions they see', async () => {
    const { underwriting, tom, ravi, una, unas, asTom } = await withUna();
    await callTyped(t.host, 'stakeholders.update', { id: una.id, support: 'sceptical' });
    const unasConcern = await callTyped(t.host, 'stakeholders.addConcern', { stakeholderId: una.id, kind: 'job displacement' });
    const ravisConcern = await callTyped(t.host, 'stakeholders.addConcern', { stakeholderId: ravi.id, kind: 'loss of control' });
    // A session Tom ran with Una, whom he does not otherwise see: he ran it, so it is his to read.
    const tomsOwn = await callTyped(t.host, 'stakeholderSessions.create', {
      at: '2026-02-04T10:00',
      kind: 'demo',
      facilitatorMemberId: tom,
      attendees: [{ stakeholderId: una.id }],
    });
    const unasAction = (await callTyped(t.host, 'stakeholderActions.list', { today: '2026-02-05' })).find(
      (a) => a.stakeholderId === una.id,
    );
    const history = (
      host: typeof t.host,
      table: 'stakeholders' | 'stakeholder_concerns' | 'stakeholder_sessions' | 'stakeholder_actions',
      id: string,
    ) => callTyped(host, 'history.get', { table, id });

    for (const [table, id] of [
      ['stakeholders', una.id],
      ['stakeholder_concerns', unasConcern.id],
      ['stakeholder_sessions', unas.id],
      ['stakeholder_actions', unasAction?.id ?? 'missing'],
    ] as const) {
      const refused = await userError(history(asTom, table, id));
      expect([table, refused.code, refused.message]).toEqual([table, 'FORBIDDEN', expect.stringMatching(/teams they champion/)]);
      // A change manager reads the same history.
      expect((await history(t.host, table, id)).length).toBeGreaterThan(0);
    }
    // Una's support change is there for Dana, as it was written.
    expect(
      (await history(t.host, 'stakeholders', una.id)).some((e) => e.changes.some((c) => c.field === 'support' && c.to === 'sceptical')),
    ).toBe(true);

    // What Tom sees in the lists, he sees the history of: Ravi, Ravi's concern, the session he ran.
    expect((await history(asTom, 'stakeholders', ravi.id)).length).toBeGreaterThan(0);
    expect((await history(asTom, 'stakeholder_concerns', ravisConcern.id)).length).toBeGreaterThan(0);
    expect((await history(asTom, 'stakeholder_sessions', tomsOwn.id)).length).toBeGreaterThan(0);
    // Tables outside the stakeholder work are not limited.
    expect((await callTyped(asTom, 'history.get', { table: 'teams', id: underwriting })).length).toBeGreaterThan(0);
  });
});

describe('follow-up actions', () => {
  it('lists overdue open actions first (most overdue first), then open by due date, then done and cancelled', async () => {
    const { dana } = await setup();
    const add = (what: string, due: string, status: 'open' | 'done' | 'cancelled' = 'open') =>
      callTyped(t.host, 'stakeholderActions.create', { what, ownerMemberId: dana, due, status });
    await add('due later', '2026-03-20');
    await add('done long ago', '2026-01-02', 'done');
    await add('a little late', '2026-03-09');
    await add('due today', '2026-03-10');
    await add('very late', '2026-02-01');
    await add('cancelled', '2026-03-01', 'cancelled');
    const list = await callTyped(t.host, 'stakeholderActions.list', { today: '2026-03-10' });
    expect(list.map((a) => a.what)).toEqual(['very late', 'a little late', 'due today', 'due later', 'done long ago', 'cancelled']);
  });
});

describe('relationship health', () => {
  /** Logs a one-to-one facilitated by `dana` at `at` with `people`. */
  const oneToOne =
    (dana: string) =>
    (at: string, ...people: { id: string }[]) =>
      callTyped(t.host, 'stakeholderSessions.create', {
        at,
        kind: 'one-to-one',
        facilitatorMemberId: dana,
        attendees: people.map((p) => ({ stakeholderId: p.id })),
      });

  it('counts a session in the 30 and 90 days up to today from the day after the 30th and 90th day before, at any hour, whether the last contact is within 90 days or before', async () => {
    const { dana, ravi, ana, joe, kim, north } = await setup();
    const log = oneToOne(dana);
    const others = [];
    for (const name of ['Lee One', 'Lee Two', 'Lee Three', 'Lee Four'])
      others.push(await callTyped(t.host, 'stakeholders.create', { name, teamId: north, influence: 3, interest: 3, support: 'neutral' }));
    // Today is 2026-03-31: 90 days before is 2025-12-31, 30 days before is 2026-03-01.
    await log('2025-12-31T23:59', ravi); // 90 days ago: not within 90 days
    await log('2026-01-01T00:00', ravi); // 89 days ago
    await log('2025-12-31T10:00', ana); // only before the 90 days
    await log('2026-03-01T23:59', joe); // 30 days ago: within 90, not 30
    await log('2026-03-31T23:59', joe); // today
    await log('2026-04-01T00:00', joe, kim); // tomorrow: not yet
    await log('2026-03-15T10:00', ...others);
    const contacts = async (today: string) =>
      Object.fromEntries(
        (await callTyped(t.host, 'stakeholderSessions.health', { today })).map((h) => [
          h.name,
          [h.lastContact, h.sessions30, h.sessions90],
        ]),
      );
    const lee = ['2026-03-15', 1, 1];
    expect(await contacts('2026-03-31')).toEqual({
      'Ravi Kumar': ['2026-01-01', 0, 1],
      'Ana Silva': ['2025-12-31', 0, 0],
      'Joe Park': ['2026-03-31', 1, 2],
      'Kim Lee': [null, 0, 0],
      'Lee One': lee,
      'Lee Two': lee,
      'Lee Three': lee,
      'Lee Four': lee,
    });
    // Half a year on nobody met anyone in the 90 days: every last contact is from before them.
    const old = ['2026-03-15', 0, 0];
    expect(await contacts('2026-09-30')).toEqual({
      'Ravi Kumar': ['2026-01-01', 0, 0],
      'Ana Silva': ['2025-12-31', 0, 0],
      'Joe Park': ['2026-04-01', 0, 0],
      'Kim Lee': ['2026-04-01', 0, 0],
      'Lee One': old,
      'Lee Two': old,
      'Lee Three': old,
      'Lee Four': old,
    });
  });

  it('last contact, sessions in 30 and 90 days, the cadence per quadrant and who needs attention (overdue first, then never met), by hand-computed dates', async () => {
    const { dana, ravi, ana, joe, kim } = await setup();
    const log = oneToOne(dana);
    // Today is 2026-03-31.
    await log('2026-01-05T10:00', ravi, joe); // 85 days ago
    await log('2026-03-02T10:00', ravi, ana); // 29 days ago
    await log('2026-03-16T10:00', ravi); // 15 days ago
    await log('2026-04-02T10:00', ana, kim); // planned: after today, no contact yet
    const health = await callTyped(t.host, 'stakeholderSessions.health', { today: '2026-03-31' });
    const of = (p: { id: string }) => health.find((h) => h.stakeholderId === p.id);
    // Ravi, manage closely (14 days): last met 03-16, due 03-30, one day late; 2 sessions in 30 days, 3 in 90.
    expect(of(ravi)).toMatchObject({
      lastContact: '2026-03-16',
      sessions30: 2,
      sessions90: 3,
      cadenceDays: 14,
      dueOn: '2026-03-30',
      overdueDays: 1,
    });
    // Ana, keep satisfied (30 days): last met 03-02, due 04-01, not late.
    expect(of(ana)).toMatchObject({
      lastContact: '2026-03-02',
      sessions30: 1,
      sessions90: 1,
      cadenceDays: 30,
      dueOn: '2026-04-01',
      overdueDays: null,
    });
    // Joe, monitor (90 days): met 01-05, due 04-05.
    expect(of(joe)).toMatchObject({ lastContact: '2026-01-05', sessions30: 0, sessions90: 1, dueOn: '2026-04-05', overdueDays: null });
    // Kim: only a planned session, so never contacted.
    expect(of(kim)).toMatchObject({ lastContact: null, sessions30: 0, sessions90: 0, dueOn: null, overdueDays: null });

    // Overdue first, then the never met.
    expect((await callTyped(t.host, 'stakeholderSessions.needsAttention', { today: '2026-03-31' })).map((h) => h.name)).toEqual([
      'Ravi Kumar',
      'Kim Lee',
    ]);
    // A shorter cadence for "monitor" (60 days) makes Joe overdue by 25 days (due 03-06): he comes before Ravi.
    await callTyped(t.host, 'stakeholderSessions.setCadence', {
      'manage closely': 14,
      'keep satisfied': 30,
      'keep informed': 30,
      monitor: 60,
    });
    const attention = await callTyped(t.host, 'stakeholderSessions.needsAttention', { today: '2026-03-31' });
    expect(attention.map((h) => [h.name, h.overdueDays])).toEqual([
      ['Joe Park', 25],
      ['Ravi Kumar', 1],
      ['Kim Lee', null],
    ]);
    // Only change managers set the cadence.
    const refused = await userError(
      callTyped({ ...t.host, actAs: 'Tom Okafor' }, 'stakeholderSessions.setCadence', {
        'manage closely': 7,
        'keep satisfied': 7,
        'keep informed': 7,
        monitor: 7,
      }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    expect(await callTyped(t.host, 'stakeholderSessions.cadence', {})).toMatchObject({ monitor: 60 });
  });
});

describe('the database check after the sessions migration', () => {
  it('accepts the null new columns of stakeholders written before it, with nothing logged for them', async () => {
    const { ravi } = await setup();
    // What a stakeholder written before migration 0011 looks like: rated_at and rated_in_session_id
    // null, never logged. The log is append-only, so its guard is lifted to make one.
    const guards = t.engine.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'change_log'")
      .pluck()
      .all() as string[];
    for (const g of guards) t.engine.sqlite.exec(`DROP TRIGGER "${g}"`);
    t.engine.sqlite
      .prepare("DELETE FROM change_log WHERE tbl = 'stakeholders' AND row_id = ? AND col IN ('rated_at', 'rated_in_session_id')")
      .run(ravi.id);
    expect(checkDatabase(t.engine).ok).toBe(true);
  });
});
