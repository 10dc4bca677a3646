import { describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import { userError, workspaceForEachTest } from '../helpers';
import { logItem } from './feedback-fixture';

/*
 * Triage belongs to change managers and to each initiative's AI product owner and technical lead:
 * Tom (a champion) owns Claims triage, Sam (a sponsor) is its technical lead, Mei (a champion)
 * fills no role, and nobody but Dana triages Email drafts.
 */
const t = workspaceForEachTest({ teams: ['Leeds'], initiatives: ['Claims triage', 'Email drafts'] });

async function setup() {
  const team = (await callTyped(t.host, 'teams.list', {}))[0]?.id ?? '';
  const [claims, email] = (await callTyped(t.host, 'initiatives.list', {})).map((i) => i.id) as [string, string];
  const tom = await callTyped(t.host, 'members.create', { name: 'Tom Okafor', role: 'champion' });
  const sam = await callTyped(t.host, 'members.create', { name: 'Sam Reid', role: 'sponsor' });
  await callTyped(t.host, 'members.create', { name: 'Mei Chen', role: 'champion' });
  await callTyped(t.host, 'initiatives.update', { id: claims, productOwner: { memberId: tom.id }, technicalLead: { memberId: sam.id } });
  const as = (name: string) => ({ ...t.host, actAs: name });
  const log = (initiativeId: string) => logItem(t.host, 'Mei Chen', initiativeId, team);
  const refusal = async (p: Promise<unknown>) => {
    const e = await userError(p);
    expect(e.code).toBe('FORBIDDEN');
    return e.message;
  };
  return { claims, email, tom, sam, as, log, refusal };
}

describe('triage by the initiative’s AI product owner and technical lead', () => {
  it('the product owner (a champion) and the technical lead (a sponsor) triage and group their initiative’s feedback', async () => {
    const { claims, tom, sam, as, log } = await setup();
    const a = await log(claims);
    const b = await log(claims);
    const triaged = await callTyped(as('Tom Okafor'), 'feedback.triage', { ids: [a.id, b.id], status: 'triaged', assigneeId: sam.id });
    expect(triaged.map((f) => [f.status, f.assignee])).toEqual([
      ['triaged', 'Sam Reid'],
      ['triaged', 'Sam Reid'],
    ]);
    const pattern = await callTyped(as('Sam Reid'), 'failurePatterns.create', {
      name: 'Scanned forms misread',
      category: 'format variation',
      feedbackIds: [a.id, b.id],
    });
    expect(pattern.count).toBe(2);
    await callTyped(as('Tom Okafor'), 'failurePatterns.update', { id: pattern.id, status: 'monitoring' });
    await callTyped(as('Tom Okafor'), 'feedback.group', { ids: [b.id], patternId: null });
    expect((await callTyped(t.host, 'failurePatterns.get', { id: pattern.id })).pattern).toMatchObject({ status: 'monitoring', count: 1 });
    // The history says who triaged.
    const log_ = t.engine.sqlite
      .prepare("SELECT author_id FROM change_log WHERE tbl = 'feedback' AND row_id = ? AND col = 'status' ORDER BY hlc DESC LIMIT 1")
      .pluck()
      .get(a.id);
    expect(log_).toBe(tom.id);
  });

  it('they may not triage another initiative’s feedback, not even one item of a bulk triage, and nothing changes', async () => {
    const { claims, email, as, log, refusal } = await setup();
    const mine = await log(claims);
    const other = await log(email);
    const message = await refusal(callTyped(as('Tom Okafor'), 'feedback.triage', { ids: [mine.id, other.id], status: 'triaged' }));
    expect(message).toMatch(
      /Tom Okafor is not the AI product owner or technical lead of Email drafts: only they or a change manager may triage/,
    );
    await refusal(callTyped(as('Tom Okafor'), 'feedback.group', { ids: [other.id], patternId: null }));
    const statuses = (await callTyped(t.host, 'feedback.list', {})).map((f) => f.status);
    expect(statuses).toEqual(['new', 'new']);
  });

  it('a champion who fills neither role logs and corrects feedback but cannot triage, group or name patterns', async () => {
    const { claims, as, log, refusal } = await setup();
    const item = await log(claims);
    await callTyped(as('Mei Chen'), 'feedback.update', { id: item.id, severity: 'high' });
    expect(await refusal(callTyped(as('Mei Chen'), 'feedback.triage', { ids: [item.id], status: 'triaged' }))).toContain(
      'Mei Chen is a champion and may not run feedback.triage: only a change manager or an initiative’s AI product owner or technical lead may',
    );
    await refusal(callTyped(as('Mei Chen'), 'failurePatterns.create', { name: 'X', category: 'other' }));
    const pattern = await callTyped(t.host, 'failurePatterns.create', { name: 'Scanned forms', category: 'format variation' });
    // Moving an item into a pattern through a correction is grouping too.
    await refusal(callTyped(as('Mei Chen'), 'feedback.update', { id: item.id, patternId: pattern.id }));
    expect((await callTyped(t.host, 'feedback.list', {}))[0]).toMatchObject({ status: 'new', severity: 'high', patternId: null });
  });

  it('the operations the acting member may run include triage once they own an initiative, and not after', async () => {
    const { claims, as } = await setup();
    expect((await callTyped(as('Tom Okafor'), 'workspace.get', {})).allowed).toEqual(
      expect.arrayContaining(['feedback.triage', 'feedback.group', 'failurePatterns.create']),
    );
    await callTyped(t.host, 'initiatives.update', { id: claims, productOwner: null });
    expect((await callTyped(as('Tom Okafor'), 'workspace.get', {})).allowed).not.toContain('feedback.triage');
    expect((await callTyped(as('Mei Chen'), 'workspace.get', {})).allowed).not.toContain('feedback.triage');
  });
});
