import { describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import { ageInDays, canMove, progressByAssignee } from '../../db/feedback/model';
import { idsByName, userError, workspaceForEachTest } from '../helpers';

const t = workspaceForEachTest({ teams: ['Leeds'], initiatives: ['Claims triage'] });

async function setup() {
  const id = await idsByName(t.host);
  const [team, initiative] = [id.team('Leeds'), id.initiative('Claims triage')];
  await callTyped(t.host, 'initiatives.update', { id: initiative, modelVersions: ['v1.2', 'v1.3'] });
  await callTyped(t.host, 'members.create', { name: 'Tom Okafor', role: 'champion' });
  const asTom = { ...t.host, actAs: 'Tom Okafor' };
  const log = (extra: Record<string, unknown> = {}) =>
    callTyped(asTom, 'feedback.create', {
      initiativeId: initiative,
      teamId: team,
      aiSaid: 'Low risk, approve',
      whatWasRight: 'Refer: "flat" in Leeds means a flat roof here',
      category: 'regional variation',
      severity: 'high',
      caught: 'review',
      ...extra,
    });
  const triage = (input: Record<string, unknown>) => callTyped(t.host, 'feedback.triage', input);
  return { team, initiative, asTom, log, triage };
}

describe('feedback rules', () => {
  it('statuses move new → triaged → in progress → resolved, close from any open status, and reopen', () => {
    expect(canMove('new', 'triaged')).toBe(true);
    expect(canMove('new', 'in_progress')).toBe(false);
    expect(canMove('new', 'resolved')).toBe(false);
    expect(canMove('triaged', 'in_progress')).toBe(true);
    expect(canMove('in_progress', 'resolved')).toBe(true);
    expect(canMove('new', 'duplicate')).toBe(true);
    expect(canMove('resolved', 'new')).toBe(false);
    expect(canMove('resolved', 'in_progress')).toBe(true);
    expect(canMove('wont_fix', 'triaged')).toBe(true);
  });

  it('progress per assignee counts resolved, won’t fix and duplicate as done', () => {
    const p = progressByAssignee([
      { assigneeId: 'a', assignee: 'Ana', status: 'resolved' },
      { assigneeId: 'a', assignee: 'Ana', status: 'in_progress' },
      { assigneeId: 'a', assignee: 'Ana', status: 'duplicate' },
      { assigneeId: null, assignee: null, status: 'new' },
      { assigneeId: null, assignee: null, status: 'new' },
    ]);
    expect(p).toEqual([
      { assigneeId: null, assignee: 'Unassigned', done: 0, pending: 2 },
      { assigneeId: 'a', assignee: 'Ana', done: 2, pending: 1 },
    ]);
    expect(ageInDays('2026-11-01T10:00:00.000Z', '2026-11-03T09:59:00.000Z')).toBe(1);
  });
});

describe('feedback on a wrong prediction', () => {
  it('a champion logs it as its reporter, status new; the model version must be one of the initiative’s', async () => {
    const s = await setup();
    const f = await s.log({ modelVersion: 'v1.2', confidentlyWrong: true, statedConfidence: 96, caseRef: 'CLM-4411' });
    expect(f).toMatchObject({
      reporter: 'Tom Okafor',
      status: 'new',
      team: 'Leeds',
      initiative: 'Claims triage',
      confidentlyWrong: true,
      statedConfidence: 96,
      assigneeId: null,
    });
    const e = await userError(s.log({ modelVersion: 'v9' }));
    expect(e.message).toContain('has no model version "v9" (it has v1.2, v1.3)');
    const e2 = await userError(s.log({ statedConfidence: 80 }));
    expect(e2.message).toContain('only for a confidently wrong prediction');
    expect((await callTyped(t.host, 'feedback.list', {})).length).toBe(1);
  });

  it('triage validates transitions, needs the fixing version to resolve, and changes nothing when one item fails', async () => {
    const s = await setup();
    const a = await s.log();
    const b = await s.log();
    const dana = (await callTyped(t.host, 'members.list', {})).find((m) => m.name === 'Dana Lee')?.id ?? '';
    // b is still new: new → in progress is refused, so a does not move either.
    await s.triage({ ids: [a.id], status: 'triaged' });
    const e = await userError(s.triage({ ids: [a.id, b.id], status: 'in_progress', assigneeId: dana }));
    expect(e.message).toContain(`${b.id}: New cannot become In progress (it can become Triaged, Won't fix, Duplicate)`);
    const unchanged = await callTyped(t.host, 'feedback.list', {});
    expect(unchanged.find((x) => x.id === a.id)).toMatchObject({ status: 'triaged', assigneeId: null });

    const [moved] = await s.triage({ ids: [a.id], status: 'in_progress', assigneeId: dana });
    expect(moved).toMatchObject({ status: 'in_progress', assignee: 'Dana Lee' });
    expect((await userError(s.triage({ ids: [a.id], status: 'resolved' }))).message).toContain('needs the model version that fixed it');
    expect((await userError(s.triage({ ids: [a.id], status: 'resolved', resolvedVersion: 'v2' }))).message).toContain(
      'no model version "v2"',
    );
    const [resolved] = await s.triage({ ids: [a.id], status: 'resolved', resolvedVersion: 'v1.3' });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedVersion: 'v1.3' });
    // Reopened: the fix did not hold, so the version that fixed it goes.
    const [reopened] = await s.triage({ ids: [a.id], status: 'in_progress' });
    expect(reopened).toMatchObject({ status: 'in_progress', resolvedVersion: null });
  });

  it('a duplicate links to the original, through a duplicate to its original, never to itself', async () => {
    const s = await setup();
    const original = await s.log();
    const copy = await s.log();
    const third = await s.log();
    expect((await userError(s.triage({ ids: [copy.id], status: 'duplicate' }))).message).toContain('needs the item it duplicates');
    expect((await userError(s.triage({ ids: [copy.id], status: 'duplicate', duplicateOfId: copy.id }))).message).toContain(
      'cannot be a duplicate of itself',
    );
    const [linked] = await s.triage({ ids: [copy.id], status: 'duplicate', duplicateOfId: original.id });
    expect(linked?.duplicateOfId).toBe(original.id);
    const [viaCopy] = await s.triage({ ids: [third.id], status: 'duplicate', duplicateOfId: copy.id });
    expect(viaCopy?.duplicateOfId).toBe(original.id);
    // The original marked a duplicate of its own duplicate would make a loop.
    expect((await userError(s.triage({ ids: [original.id], status: 'duplicate', duplicateOfId: copy.id }))).message).toContain(
      'of its own duplicate',
    );
    const [back] = await s.triage({ ids: [copy.id], status: 'triaged' });
    expect(back?.duplicateOfId).toBeNull();
  });

  it('a champion may not triage or delete, a sponsor may not log; refusals change nothing', async () => {
    const s = await setup();
    const f = await s.log();
    await callTyped(t.host, 'members.create', { name: 'Priya Shah', role: 'sponsor' });
    const e1 = await userError(callTyped(s.asTom, 'feedback.triage', { ids: [f.id], status: 'triaged' }));
    expect(e1.code).toBe('FORBIDDEN');
    expect(e1.message).toContain('may not run feedback.triage');
    expect((await userError(callTyped(s.asTom, 'feedback.delete', { id: f.id }))).code).toBe('FORBIDDEN');
    const asPriya = { ...t.host, actAs: 'Priya Shah' };
    const e3 = await userError(
      callTyped(asPriya, 'feedback.create', {
        initiativeId: s.initiative,
        teamId: s.team,
        aiSaid: 'x',
        whatWasRight: 'y',
        category: 'other',
        severity: 'low',
        caught: 'review',
      }),
    );
    expect(e3.code).toBe('FORBIDDEN');
    const list = await callTyped(t.host, 'feedback.list', {});
    expect(list).toHaveLength(1);
    expect(list[0]?.status).toBe('new');
  });
});
