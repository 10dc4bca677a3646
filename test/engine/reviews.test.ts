import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, callTyped } from '../../db/api';
import type { HostContext } from '../../db/api/context';
import { open } from '../../db/open';
import { recommendationUrl } from '../../db/workspace/model';
import { workspaceForEachTest } from '../helpers';

const ws = workspaceForEachTest({ teams: ['Claims North', 'Claims South'], initiatives: ['Triage'] });

const HEADER = 'timestamp,initiative,team,user,recommendation_id,action,reason,recommended,final';
const ROWS = [
  '2026-01-10T09:00:00Z,Triage,Claims North,u1,r1,overridden,flood,Fast track: pay 1200,Refer to adjuster',
  '2026-01-11T09:00:00Z,Triage,Claims North,u2,r2,overridden,,,',
  '2026-01-12T09:00:00Z,Triage,Claims South,u3,r3,overridden,habit,Approve,Decline',
  '2026-01-12T09:00:00Z,Triage,Claims South,u4,r4,accepted,,,',
];

beforeEach(async () => {
  const file = path.join(ws.dir, 'decisions.csv');
  fs.writeFileSync(file, `${HEADER}\n${ROWS.join('\n')}\n`);
  await callTyped(ws.host, 'imports.run', { kind: 'decisions', path: file });
});

const judge = (host: HostContext, item: { initiativeId: string; recommendationId: string; userHash: string }, verdict = 'appropriate') =>
  callTyped(host, 'reviews.create', {
    initiativeId: item.initiativeId,
    recommendationId: item.recommendationId,
    userHash: item.userHash,
    verdict: verdict as 'appropriate',
    reasonCode: 'model_wrong',
  });

const appropriateness = async (host: HostContext) => (await callTyped(host, 'reports.get', {})).overall.counts;

describe('review sessions: a sample kept until it is finished or replaced', () => {
  it('is null before the first; start draws the overrides in order, with what the AI recommended and what the person did', async () => {
    expect(await callTyped(ws.host, 'reviews.current', {})).toBeNull();
    const s = await callTyped(ws.host, 'reviews.start', {});
    expect(s.items.map((i) => [i.team, i.recommendationId, i.recommended, i.final, i.review])).toEqual([
      ['Claims North', 'r2', null, null, null],
      ['Claims North', 'r1', 'Fast track: pay 1200', 'Refer to adjuster', null],
      ['Claims South', 'r3', 'Approve', 'Decline', null],
    ]);
    expect(s.reviewed).toBe(0);
  });

  it('resumes with its order and progress after the database is closed and opened again', async () => {
    const s = await callTyped(ws.host, 'reviews.start', {});
    const first = s.items[0];
    if (!first) throw new Error('no item');
    await judge(ws.host, first);
    ws.engine.close();
    const again = open(ws.file);
    try {
      const resumed = await callTyped({ engine: again }, 'reviews.current', {});
      expect(resumed?.items.map((i) => i.recommendationId)).toEqual(['r2', 'r1', 'r3']);
      expect(resumed?.reviewed).toBe(1);
      expect(resumed?.items[0]?.review).toMatchObject({ verdict: 'appropriate', reasonCode: 'model_wrong' });
      // The queue no longer offers the reviewed override; the sample keeps it, judged.
      expect((await callTyped({ engine: again }, 'reviews.queue', {})).map((i) => i.recommendationId)).not.toContain('r2');
      // A new sample replaces it and draws only overrides still waiting.
      const fresh = await callTyped({ engine: again }, 'reviews.start', {});
      expect(fresh.items.map((i) => i.recommendationId)).toEqual(['r1', 'r3']);
      expect((await callTyped({ engine: again }, 'reviews.current', {}))?.items).toHaveLength(2);
    } finally {
      again.close();
    }
  });

  it('belongs to the member who drew it, and keeps the filters it was drawn for', async () => {
    await callTyped(ws.host, 'members.create', { name: 'Tom Okafor', role: 'champion' });
    const tom: HostContext = { engine: ws.engine, actAs: 'Tom Okafor' };
    const teams = await callTyped(ws.host, 'teams.list', {});
    const south = teams.find((t) => t.name === 'Claims South')?.id;
    const mine = await callTyped(tom, 'reviews.start', { team: 'Claims South' });
    expect(mine.team).toBe(south);
    expect(mine.items.map((i) => i.recommendationId)).toEqual(['r3']);
    expect(await callTyped(ws.host, 'reviews.current', {})).toBeNull();
    await expect(call(tom, 'reviews.start', { team: 'Claims West' })).rejects.toThrow(/team: no team named "Claims West"/);
    expect((await callTyped(tom, 'reviews.current', {}))?.items.map((i) => i.recommendationId)).toEqual(['r3']);
  });
});

describe('verdicts can be changed and undone, with history', () => {
  it('update changes the verdict and reason, delete undoes it; the report follows and the history keeps each step', async () => {
    const s = await callTyped(ws.host, 'reviews.start', {});
    const item = s.items[1];
    if (!item) throw new Error('no item');
    const { id } = await judge(ws.host, item, 'appropriate');
    expect(await appropriateness(ws.host)).toMatchObject({ reviewed: 1, appropriate: 1 });

    const changed = await callTyped(ws.host, 'reviews.update', { id, verdict: 'inappropriate', reasonCode: 'habit', note: 'AI was right' });
    expect(changed).toMatchObject({ verdict: 'inappropriate', reasonCode: 'habit', note: 'AI was right', deleted: false });
    expect((await callTyped(ws.host, 'reviews.current', {}))?.items[1]?.review).toMatchObject({ id, verdict: 'inappropriate' });
    expect(await appropriateness(ws.host)).toMatchObject({ reviewed: 1, appropriate: 0 });

    // A second verdict on the same override is refused: it would be counted twice.
    await expect(
      call(ws.host, 'reviews.create', {
        initiativeId: item.initiativeId,
        recommendationId: item.recommendationId,
        userHash: item.userHash,
        verdict: 'appropriate',
        reasonCode: 'other',
      }),
    ).rejects.toThrow(/r1 already has a verdict\. Change it/);

    await callTyped(ws.host, 'reviews.delete', { id });
    const after = await callTyped(ws.host, 'reviews.current', {});
    expect(after?.items[1]?.review).toBeNull();
    expect(after?.reviewed).toBe(0);
    expect(await appropriateness(ws.host)).toMatchObject({ reviewed: 0 });
    expect((await callTyped(ws.host, 'reviews.queue', {})).map((i) => i.recommendationId)).toContain('r1');

    const history = await callTyped(ws.host, 'history.get', { table: 'override_reviews', id });
    // Newest first: undone, changed, created; each by Dana Lee.
    expect(
      history.map((h) => [h.created, h.author?.name, h.changes.map((c) => `${c.field}:${String(c.from)}→${String(c.to)}`).sort()]),
    ).toEqual([
      [false, 'Dana Lee', ['deleted:false→true']],
      [false, 'Dana Lee', ['note:null→AI was right', 'reasonCode:model_wrong→habit', 'verdict:appropriate→inappropriate'].sort()],
      [true, 'Dana Lee', expect.arrayContaining(['verdict:null→appropriate'])],
    ]);

    // Judged again after the undo: a new verdict, counted once.
    await judge(ws.host, item, 'appropriate');
    expect(await appropriateness(ws.host)).toMatchObject({ reviewed: 1, appropriate: 1 });
  });

  it('an unknown review or an undone one is a clear error and changes nothing', async () => {
    await expect(call(ws.host, 'reviews.update', { id: 'nope', verdict: 'appropriate' })).rejects.toThrow(/No review with id/);
    const s = await callTyped(ws.host, 'reviews.start', {});
    const item = s.items[0];
    if (!item) throw new Error('no item');
    const { id } = await judge(ws.host, item);
    await callTyped(ws.host, 'reviews.delete', { id });
    await expect(call(ws.host, 'reviews.delete', { id })).rejects.toThrow(/No review with id/);
    await expect(call(ws.host, 'reviews.update', { id, verdict: 'inappropriate' })).rejects.toThrow(/No review with id/);
    expect((await callTyped(ws.host, 'history.get', { table: 'override_reviews', id })).length).toBe(2);
  });
});

describe('the recommendation link (a workspace setting)', () => {
  it('is checked (http or https, contains {id}), shown in the workspace info, cleared with an empty value, and in history', async () => {
    expect((await callTyped(ws.host, 'workspace.get', {})).recommendationLink).toBeNull();
    const refused: [string, RegExp][] = [
      ['https://claims.example/rec/', /must contain \{id\} where the recommendation id goes/],
      ['claims.example/rec/{id}', /is not a web address: start it with https:\/\//],
      ['javascript:alert({id})', /must start with https:\/\/ or http:\/\//],
      [`https://claims.example/${'x'.repeat(500)}/{id}`, /is too long: at most 500 characters/],
    ];
    for (const [link, message] of refused) {
      await expect(call(ws.host, 'workspace.update', { name: 'Renamed', recommendationLink: link }), link).rejects.toThrow(message);
    }
    // Nothing changed, the name included.
    const before = await callTyped(ws.host, 'workspace.get', {});
    expect([before.workspace?.name, before.recommendationLink]).toEqual(['Acme', null]);

    const set = await callTyped(ws.host, 'workspace.update', { recommendationLink: ' http://claims.example/rec?id={id} ' });
    expect(set.recommendationLink).toBe('http://claims.example/rec?id={id}');
    expect(set.workspace?.name).toBe('Acme');
    const cleared = await callTyped(ws.host, 'workspace.update', { recommendationLink: '' });
    expect(cleared.recommendationLink).toBeNull();
    const history = await callTyped(ws.host, 'history.get', { table: 'settings', id: 'recommendation_link' });
    expect(history.map((h) => h.changes.find((c) => c.field === 'value')?.to)).toEqual(['null', '"http://claims.example/rec?id={id}"']);
  });

  it('builds the link of a recommendation, its id encoded', () => {
    expect(recommendationUrl('https://claims.example/rec/{id}', 'rec 41/7')).toBe('https://claims.example/rec/rec%2041%2F7');
    expect(recommendationUrl('https://claims.example/rec/{id}?from={id}', 'r1')).toBe('https://claims.example/rec/r1?from=r1');
    expect(recommendationUrl(null, 'r1')).toBeNull();
    expect(recommendationUrl('ftp://x/{id}', 'r1')).toBeNull();
  });
});
