import { describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import { idsByName, userError, withDemo, workspaceForEachTest } from '../helpers';
import { logItem } from './feedback-fixture';

const t = workspaceForEachTest({ teams: ['Leeds'], initiatives: ['Claims triage'] });

async function setup() {
  const id = await idsByName(t.host);
  const [team, initiative] = [id.team('Leeds'), id.initiative('Claims triage')];
  await callTyped(t.host, 'members.create', { name: 'Tom Okafor', role: 'champion' });
  const sam = await callTyped(t.host, 'members.create', { name: 'Sam Reid', role: 'sponsor' });
  await callTyped(t.host, 'members.create', { name: 'Priya Shah', role: 'sponsor' });
  await callTyped(t.host, 'initiatives.update', { id: initiative, productOwner: { memberId: sam.id } });
  const as = (name: string) => ({ ...t.host, actAs: name });
  const item = await logItem(t.host, 'Tom Okafor', initiative, team);
  const error = userError;
  return { item, as, error };
}

describe('comments on feedback', () => {
  it('a champion and the product owner (a sponsor) comment; the item lists them oldest first with their authors', async () => {
    const { item, as } = await setup();
    await callTyped(as('Tom Okafor'), 'feedback.comment', { feedbackId: item.id, body: 'Seen twice more in Leeds' });
    await callTyped(as('Sam Reid'), 'feedback.comment', { feedbackId: item.id, body: '  Fix planned for v3.5  ' });
    const comments = await callTyped(as('Priya Shah'), 'feedback.comments', { feedbackId: item.id });
    expect(comments.map((c) => [c.author, c.body, c.edited])).toEqual([
      ['Tom Okafor', 'Seen twice more in Leeds', false],
      ['Sam Reid', 'Fix planned for v3.5', false],
    ]);
    expect((comments[0]?.createdAt ?? '') <= (comments[1]?.createdAt ?? '')).toBe(true);
  });

  it('only its author edits or deletes a comment; an edit is marked, a deletion leaves the list', async () => {
    const { item, as, error } = await setup();
    const c = await callTyped(as('Tom Okafor'), 'feedback.comment', { feedbackId: item.id, body: 'Seen twice' });
    const refused = await error(callTyped(t.host, 'feedback.editComment', { id: c.id, body: 'Dana’s words' }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain(
      'Dana Lee is a change manager and may not run feedback.editComment on this comment: it is Tom Okafor’s',
    );
    expect((await error(callTyped(t.host, 'feedback.deleteComment', { id: c.id }))).code).toBe('FORBIDDEN');
    const edited = await callTyped(as('Tom Okafor'), 'feedback.editComment', { id: c.id, body: 'Seen three times' });
    expect([edited.body, edited.edited]).toEqual(['Seen three times', true]);
    await callTyped(as('Tom Okafor'), 'feedback.deleteComment', { id: c.id });
    expect(await callTyped(t.host, 'feedback.comments', { feedbackId: item.id })).toEqual([]);
  });

  it('a sponsor who triages nothing cannot comment; nobody comments on a deleted item or with an empty body', async () => {
    const { item, as, error } = await setup();
    const sponsor = await error(callTyped(as('Priya Shah'), 'feedback.comment', { feedbackId: item.id, body: 'Hm' }));
    expect(sponsor.code).toBe('FORBIDDEN');
    expect((await error(callTyped(as('Tom Okafor'), 'feedback.comment', { feedbackId: item.id, body: '   ' }))).message).toContain(
      'Comment cannot be empty',
    );
    await callTyped(t.host, 'feedback.delete', { id: item.id });
    const gone = await error(callTyped(as('Tom Okafor'), 'feedback.comment', { feedbackId: item.id, body: 'Late' }));
    expect(gone.message).toContain('was deleted');
  });
});

describe('the demo workspace', () => {
  it('has short threads on a few items, oldest first, by the people who reported, fixed and watched them', async () => {
    await withDemo(async (host) => {
      const items = await callTyped(host, 'feedback.list', {});
      const thread = async (ref: string) => {
        const item = items.find((i) => i.caseRef === ref);
        expect(item, ref).toBeDefined();
        return (await callTyped(host, 'feedback.comments', { feedbackId: item?.id ?? '' })).map((c) => c.author);
      };
      expect(await thread('CLM-18801')).toEqual(['Mei Chen', 'Dana Lee']);
      expect(await thread('CLM-19876')).toEqual(['Tom Okafor', 'Sam Rivera']);
      expect(await thread('EM-87950')).toEqual(['Mei Chen', 'Dana Lee']);
      expect(await thread('CLM-20417')).toEqual(['Tom Okafor', 'Sam Rivera']);
      expect(await thread('UW-3321')).toEqual(['Tom Okafor']);
      expect(await thread('EM-88213')).toEqual([]);
    });
  }, 120_000);
});
