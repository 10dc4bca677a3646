import { describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import { createFeedback } from '../../db/feedback/feedback';
import { perMonth } from '../../db/feedback/model';
import { matchQuery, typedTerms } from '../../db/feedback/search';
import { idsByName, userError, workspaceForEachTest } from '../helpers';

const t = workspaceForEachTest({ teams: ['Leeds', 'York'], initiatives: ['Claims triage'] });

async function setup() {
  const tom = (await callTyped(t.host, 'members.create', { name: 'Tom Okafor', role: 'champion' })).id;
  const asTom = { ...t.host, actAs: 'Tom Okafor' };
  const id = await idsByName(t.host);
  const [leeds, york, initiative] = [id.team('Leeds'), id.team('York'), id.initiative('Claims triage')];
  // The domain function, for its `at`: the items' dates are what a pattern's figures are made of.
  const log = async (aiSaid: string, whatWasRight: string, teamId = leeds, at = new Date()) =>
    createFeedback(
      { engine: t.host.engine, authorId: tom },
      { initiativeId: initiative, teamId, aiSaid, whatWasRight, category: 'regional variation', severity: 'high', caught: 'review' },
      at,
    );
  return { leeds, york, initiative, asTom, log };
}

describe('failure patterns', () => {
  it('groups items into a new pattern; teams, first and last seen and count come from its live items', async () => {
    const { york, log } = await setup();
    const a = await log('Low risk', 'Flat roof in Leeds is high risk');
    const b = await log('Approve', 'Refer: flat roof', york);
    const c = await log('Approve', 'Unrelated');
    const p = await callTyped(t.host, 'failurePatterns.create', {
      name: 'Flat roofs read as flats',
      category: 'terminology or jargon',
      description: 'In Leeds "flat" means a flat roof',
      feedbackIds: [a.id, b.id],
    });
    expect(p).toMatchObject({ status: 'open', count: 2, teams: ['Leeds', 'York'], firstSeen: a.reportedAt, lastSeen: b.reportedAt });
    const items = await callTyped(t.host, 'feedback.list', {});
    expect(items.find((f) => f.id === a.id)).toMatchObject({ patternId: p.id, pattern: 'Flat roofs read as flats' });
    expect(items.find((f) => f.id === c.id)?.patternId).toBeNull();

    // Grouping into an existing pattern adds; deleting an item takes it out of the figures.
    await callTyped(t.host, 'feedback.group', { ids: [c.id], patternId: p.id });
    expect((await callTyped(t.host, 'failurePatterns.list', {}))[0]?.count).toBe(3);
    await callTyped(t.host, 'feedback.delete', { id: b.id });
    expect((await callTyped(t.host, 'failurePatterns.list', {}))[0]).toMatchObject({ count: 2, teams: ['Leeds'] });
    await callTyped(t.host, 'feedback.group', { ids: [c.id], patternId: null });
    expect((await callTyped(t.host, 'failurePatterns.list', {}))[0]?.count).toBe(1);
  });

  it('a pattern page counts its feedback per month, with empty months in between', async () => {
    const { log } = await setup();
    const items = [
      await log('A', 'a', undefined, new Date('2026-07-03T09:00:00.000Z')),
      await log('B', 'b', undefined, new Date('2026-07-30T09:00:00.000Z')),
      await log('C', 'c', undefined, new Date('2026-09-01T00:00:00.000Z')),
    ];
    const p = await callTyped(t.host, 'failurePatterns.create', { name: 'P', category: 'other', feedbackIds: items.map((f) => f.id) });
    const page = await callTyped(t.host, 'failurePatterns.get', { id: p.id });
    expect(page.months).toEqual([
      { month: '2026-07', count: 2 },
      { month: '2026-08', count: 0 },
      { month: '2026-09', count: 1 },
    ]);
    expect(page.items.map((f) => f.aiSaid)).toEqual(['C', 'B', 'A']);
    expect(perMonth(['2025-12-31T23:00:00.000Z', '2026-01-01T00:00:00.000Z'])).toEqual([
      { month: '2025-12', count: 1 },
      { month: '2026-01', count: 1 },
    ]);
  });

  it('refuses a second pattern of the same name, grouping deleted items, and unknown patterns; a failed group changes nothing', async () => {
    const { log } = await setup();
    const a = await log('A', 'a');
    const b = await log('B', 'b');
    const p = await callTyped(t.host, 'failurePatterns.create', { name: 'Scanned forms', category: 'format variation' });
    expect((await userError(callTyped(t.host, 'failurePatterns.create', { name: ' scanned FORMS ', category: 'other' }))).message).toMatch(
      /already a pattern called "Scanned forms"/,
    );
    await callTyped(t.host, 'feedback.delete', { id: b.id });
    expect((await userError(callTyped(t.host, 'feedback.group', { ids: [a.id, b.id], patternId: p.id }))).message).toMatch(
      new RegExp(`Nothing was grouped.*${b.id}`),
    );
    expect((await callTyped(t.host, 'feedback.list', {})).find((f) => f.id === a.id)?.patternId).toBeNull();
    await userError(callTyped(t.host, 'feedback.group', { ids: [a.id], patternId: 'nope' }));
  });

  it('a champion may link what they log to a pattern but not group or name patterns', async () => {
    const { leeds, initiative, asTom } = await setup();
    const p = await callTyped(t.host, 'failurePatterns.create', { name: 'Scanned forms', category: 'format variation' });
    const f = await callTyped(asTom, 'feedback.create', {
      initiativeId: initiative,
      teamId: leeds,
      aiSaid: 'x',
      whatWasRight: 'y',
      category: 'format variation',
      severity: 'low',
      caught: 'review',
      patternId: p.id,
    });
    expect(f.pattern).toBe('Scanned forms');
    expect((await userError(callTyped(asTom, 'feedback.group', { ids: [f.id], patternId: null }))).code).toBe('FORBIDDEN');
    expect((await userError(callTyped(asTom, 'failurePatterns.create', { name: 'Q', category: 'other' }))).code).toBe('FORBIDDEN');
    await callTyped(t.host, 'failurePatterns.delete', { id: p.id });
    expect(
      (
        await userError(
          callTyped(asTom, 'feedback.create', {
            initiativeId: initiative,
            teamId: leeds,
            aiSaid: 'x',
            whatWasRight: 'y',
            category: 'other',
            severity: 'low',
            caught: 'review',
            patternId: p.id,
          }),
        )
      ).message,
    ).toMatch(/no failure pattern/);
  });
});

describe('similar feedback (FTS5)', () => {
  it('finds open items and patterns that read alike, best first; not deleted, closed or fixed ones', async () => {
    const { log } = await setup();
    const roof = await log('Low risk: flat', 'High risk, a flat roof in Leeds');
    const roof2 = await log('Approve the claim', 'Flat roofs need a surveyor');
    const gone = await log('Low risk flat roof', 'deleted one');
    const closed = await log('Flat roof again', 'closed one');
    await log('Date of birth misread', 'The form uses DD/MM');
    await callTyped(t.host, 'feedback.delete', { id: gone.id });
    await callTyped(t.host, 'feedback.triage', { ids: [closed.id], status: 'wont_fix' });
    const pattern = await callTyped(t.host, 'failurePatterns.create', {
      name: 'Flat roofs',
      category: 'terminology or jargon',
      description: 'Leeds surveyors write "flat" for a flat roof',
    });
    const fixed = await callTyped(t.host, 'failurePatterns.create', { name: 'Old roof rule', category: 'other', status: 'fixed' });

    const found = await callTyped(t.host, 'feedback.similar', { text: 'the AI said flat roof was low risk' });
    const ids = found.map((s) => s.id);
    expect(new Set(ids)).toEqual(new Set([roof.id, roof2.id, pattern.id]));
    expect(ids).not.toContain(fixed.id);
    expect(found.find((s) => s.id === pattern.id)).toMatchObject({ kind: 'pattern', title: 'Flat roofs', patternId: pattern.id });
    expect(found.find((s) => s.id === roof.id)).toMatchObject({ kind: 'feedback', team: 'Leeds', title: 'Low risk: flat' });

    // A half-typed last word matches as a prefix; an edit is re-indexed.
    const surv = async () => (await callTyped(t.host, 'feedback.similar', { text: 'surv' })).map((s) => s.id).sort();
    expect(await surv()).toEqual([roof2.id, pattern.id].sort());
    await callTyped(t.host, 'feedback.update', { id: roof2.id, whatWasRight: 'Needs an inspector' });
    expect(await surv()).toEqual([pattern.id]);
    expect(await callTyped(t.host, 'feedback.similar', { text: '"*) OR NEAR(' })).toEqual([]);
  });

  it('turns typed text into a safe any-word query', () => {
    const q = (text: string) => matchQuery(typedTerms(text));
    expect(q('The flat "roof" fl')).toBe('"flat" OR "roof" OR "fl"*');
    expect(q('flat roof ')).toBe('"flat" OR "roof"');
    expect(q('Case CLM-20417 misread')).toBe('"clm20417" OR "misread"* OR "case"');
    expect(q(' ! ')).toBeNull();
  });
});
