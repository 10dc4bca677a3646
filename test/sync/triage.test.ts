import { describe, expect, it } from 'vitest';
import { addComment, listComments } from '../../db/feedback/comments';
import { createFeedback, listFeedback, triageFeedback } from '../../db/feedback/feedback';
import { createPattern, listPatterns } from '../../db/feedback/patterns';
import { createInitiative, deleteInitiative, restoreInitiative, updateInitiative } from '../../db/initiatives/initiatives';
import { createMember, deleteMember, listMembers } from '../../db/members/members';
import type { Engine } from '../../db/open';
import { joinWorkspace, syncFolder } from '../../db/sync/sync';
import { createTeam } from '../../db/teams/teams';
import { initWorkspace } from '../../db/workspace/workspace';
import { deviceId, write } from '../../db/write';
import { twoDatabases } from './devices';

/*
 * Triage fields hold across devices field by field: a received change to an item's status,
 * assignee, fixed-in version, duplicate link or pattern is applied only when its author is a
 * change manager or the AI product owner or technical lead of the item's initiative; a new item's
 * reporter writes only its first values. The refused changes are written below the API (which
 * would refuse them): what an older build, a bug or a hand-made database would publish.
 */

function setup() {
  const { folder, a, b } = twoDatabases('uptake-sync-triage-');
  const dana = { engine: a, authorId: initWorkspace(a, 'Acme', 'Dana Lee').id };
  const team = createTeam(dana, { name: 'Leeds' });
  const tom = createMember(dana, { name: 'Tom Okafor', role: 'champion' });
  createMember(dana, { name: 'Mei Chen', role: 'champion' });
  const claims = createInitiative(dana, { name: 'Claims triage', productOwner: { memberId: tom.id } });
  const email = createInitiative(dana, { name: 'Email drafts' });
  syncFolder(a, folder);
  return { folder, a, b, dana, team, tom, claims, email };
}

const item = (engine: Engine, authorId: string, initiativeId: string, teamId: string, aiSaid: string) =>
  createFeedback(
    { engine, authorId },
    { initiativeId, teamId, aiSaid, whatWasRight: 'Refer', category: 'format variation', severity: 'medium', caught: 'review' },
  );

describe('triage fields across devices', () => {
  it('the product owner’s triage of their initiative’s item is applied; their triage of another initiative’s item is refused field by field', () => {
    const { folder, a, b, team, tom, claims, email } = setup();
    const tomId = joinWorkspace(b, folder, 'Tom Okafor').memberId;
    expect(tomId).toBe(tom.id);
    const onB = { engine: b, authorId: tomId };
    const mine = item(b, tomId, claims.id, team.id, 'Approve the claim');
    const other = item(b, tomId, email.id, team.id, 'Send the draft');
    triageFeedback(onB, { ids: [mine.id], status: 'triaged', assigneeId: tomId });
    // Below the API: the domain would refuse this, the sync on A must too.
    write(b, tomId, 'feedback', other.id, { status: 'triaged', assigneeId: tomId }, 'update');
    syncFolder(b, folder);
    const pulled = syncFolder(a, folder);
    expect(pulled.refused.map((r) => [r.device, r.memberName, r.role, r.table, r.recordId, r.field]).sort()).toEqual([
      [deviceId(b), 'Tom Okafor', 'champion', 'feedback', other.id, 'assignee_id'],
      [deviceId(b), 'Tom Okafor', 'champion', 'feedback', other.id, 'status'],
    ]);
    const onA = new Map(listFeedback(a).map((f) => [f.id, f]));
    // Both items arrived (their first values are the reporter's to write), only one triaged.
    expect(onA.get(mine.id)).toMatchObject({ status: 'triaged', assigneeId: tomId, aiSaid: 'Approve the claim' });
    expect(onA.get(other.id)).toMatchObject({ status: 'new', assigneeId: null, aiSaid: 'Send the draft' });
  });

  it('a product owner replaced on another device: their triage before their device heard of it is applied, a later one refused', () => {
    const { folder, a, b, dana, team, tom, claims } = setup();
    const mei = listMembers(a).find((m) => m.name === 'Mei Chen')?.id ?? '';
    const tomId = joinWorkspace(b, folder, 'Tom Okafor').memberId;
    expect(tomId).toBe(tom.id);
    const onB = { engine: b, authorId: tomId };
    const [first, second] = [item(b, tomId, claims.id, team.id, 'Approve'), item(b, tomId, claims.id, team.id, 'Fast track')];
    syncFolder(b, folder);
    syncFolder(a, folder);

    // Dana names Mei product owner; before Tom's device hears of it, Tom triages the first item.
    updateInitiative(dana, { id: claims.id, productOwner: { memberId: mei } });
    syncFolder(a, folder);
    triageFeedback(onB, { ids: [first.id], status: 'triaged' });
    syncFolder(b, folder); // publishes the triage, then receives the change of product owner
    expect(syncFolder(a, folder).refused).toEqual([]);
    // Now B knows: a triage after that is Mei's or a change manager's to make (written below the API, which refuses it).
    write(b, tomId, 'feedback', second.id, { status: 'triaged' }, 'update');
    syncFolder(b, folder);
    const refused = syncFolder(a, folder).refused;
    expect(refused.map((r) => [r.memberName, r.recordId, r.field])).toEqual([['Tom Okafor', second.id, 'status']]);
    expect(new Map(listFeedback(a).map((f) => [f.id, f.status]))).toEqual(
      new Map([
        [first.id, 'triaged'],
        [second.id, 'new'],
      ]),
    );
  });

  it('a product owner removed from the workspace, or whose initiative was removed, triages nothing once their device knows', () => {
    const { folder, a, b, dana, team, tom, claims } = setup();
    const tomId = joinWorkspace(b, folder, 'Tom Okafor').memberId;
    const triaged = item(b, tomId, claims.id, team.id, 'Approve');
    syncFolder(b, folder);
    syncFolder(a, folder);
    /** A removal on A that B hears of; then Tom's triage from B (below the API, which refuses it): A's refusals. */
    const triageAfter = (removal: () => void, status: 'triaged' | 'in_progress') => {
      removal();
      syncFolder(a, folder);
      syncFolder(b, folder);
      write(b, tomId, 'feedback', triaged.id, { status }, 'update');
      syncFolder(b, folder);
      return syncFolder(a, folder).refused.map((r) => [r.recordId, r.field]);
    };
    expect(triageAfter(() => deleteInitiative(dana, claims.id), 'triaged')).toEqual([[triaged.id, 'status']]);
    const withoutTom = () => {
      restoreInitiative(dana, claims.id);
      deleteMember(dana, tom.id);
    };
    expect(triageAfter(withoutTom, 'in_progress')).toEqual([[triaged.id, 'status']]);
    expect(listFeedback(a).find((f) => f.id === triaged.id)?.status).toBe('new');
  });

  it('a champion who fills neither role: their new item arrives with its first values; a triaged status, a grouping and a pattern change do not', () => {
    const { folder, a, b, dana, team, claims } = setup();
    const pattern = createPattern(dana, { name: 'Scanned forms', category: 'format variation' });
    syncFolder(a, folder);
    const meiId = joinWorkspace(b, folder, 'Mei Chen').memberId;
    const fresh = item(b, meiId, claims.id, team.id, 'Approve');
    const closed = item(b, meiId, claims.id, team.id, 'Reject');
    write(b, meiId, 'feedback', closed.id, { status: 'wont_fix' }, 'update');
    syncFolder(b, folder);
    expect(syncFolder(a, folder).refused.map((r) => [r.recordId, r.field])).toEqual([[closed.id, 'status']]);
    // Later, on items that exist: grouping and a pattern's description are triage.
    write(b, meiId, 'feedback', fresh.id, { patternId: pattern.id }, 'update');
    write(b, meiId, 'failure_patterns', pattern.id, { description: 'Mei’s words' }, 'update');
    syncFolder(b, folder);
    expect(syncFolder(a, folder).refused.map((r) => [r.table, r.recordId, r.field])).toEqual([
      ['feedback', fresh.id, 'pattern_id'],
      ['failure_patterns', pattern.id, 'description'],
    ]);
    const onA = new Map(listFeedback(a).map((f) => [f.id, f]));
    expect(onA.get(fresh.id)).toMatchObject({ status: 'new', patternId: null, aiSaid: 'Approve' });
    expect(onA.get(closed.id)).toMatchObject({ status: 'new', aiSaid: 'Reject' });
    expect(listPatterns(a).map((p) => p.description)).toEqual([null]);
  });

  it('a pattern the product owner names on their device, with their items grouped into it, arrives whole', () => {
    const { folder, a, b, team, tom, claims } = setup();
    joinWorkspace(b, folder, 'Tom Okafor');
    const onB = { engine: b, authorId: tom.id };
    const x = item(b, tom.id, claims.id, team.id, 'Approve');
    const y = item(b, tom.id, claims.id, team.id, 'Approve again');
    createPattern(onB, { name: 'Scanned forms', category: 'format variation', feedbackIds: [x.id, y.id] });
    syncFolder(b, folder);
    expect(syncFolder(a, folder).refused).toEqual([]);
    expect(listPatterns(a).map((p) => [p.name, p.count])).toEqual([['Scanned forms', 2]]);
  });
});

describe('comments across devices', () => {
  it('a champion’s comment arrives; their edit of someone else’s comment, or one claiming another author, does not', () => {
    const { folder, a, b, dana, team, claims } = setup();
    const subject = item(a, dana.authorId, claims.id, team.id, 'Approve');
    const danas = addComment(dana, { feedbackId: subject.id, body: 'Dana’s note' });
    syncFolder(a, folder);
    const meiId = joinWorkspace(b, folder, 'Mei Chen').memberId;
    const mine = addComment({ engine: b, authorId: meiId }, { feedbackId: subject.id, body: 'Seen in Leeds too' });
    write(b, meiId, 'feedback_comments', danas.id, { body: 'Rewritten by Mei' }, 'update');
    write(
      b,
      meiId,
      'feedback_comments',
      'forged',
      { feedbackId: subject.id, authorId: dana.authorId, body: 'Signed Dana', createdAt: new Date().toISOString() },
      'create',
    );
    syncFolder(b, folder);
    const refused = syncFolder(a, folder).refused.map((r) => [r.recordId, r.field]);
    expect(refused).toEqual(
      expect.arrayContaining([
        [danas.id, 'body'],
        ['forged', 'author_id'],
        ['forged', 'body'],
      ]),
    );
    expect(refused.some(([id]) => id === mine.id)).toBe(false);
    expect(listComments(a, subject.id).map((c) => [c.author, c.body])).toEqual([
      ['Dana Lee', 'Dana’s note'],
      ['Mei Chen', 'Seen in Leeds too'],
    ]);
  });
});
