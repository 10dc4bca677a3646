import { describe, expect, it } from 'vitest';
import { call, callTyped } from '../../db/api';
import { exportWorkspace } from '../../db/export';
import { workspaceForEachTest } from '../helpers';

const t = workspaceForEachTest();

describe('teams', () => {
  it('lists a hierarchy in order with depth and path', async () => {
    const claims = await callTyped(t.host, 'teams.create', { name: 'Claims' });
    await callTyped(t.host, 'teams.create', { name: 'Claims South', parentId: claims.id });
    await callTyped(t.host, 'teams.create', { name: 'Claims North', parentId: claims.id });
    await callTyped(t.host, 'teams.create', { name: 'Actuarial' });
    const list = await callTyped(t.host, 'teams.list', {});
    expect(list.map((x) => `${'  '.repeat(x.depth)}${x.name}`)).toEqual(['Actuarial', 'Claims', '  Claims North', '  Claims South']);
    expect(list.find((x) => x.name === 'Claims')?.subTeamCount).toBe(2);
    expect(list.find((x) => x.name === 'Claims North')?.path).toEqual(['Claims', 'Claims North']);
  });

  it('refuses cycles, unknown parents, duplicate names and deleting a team with sub-teams', async () => {
    const a = await callTyped(t.host, 'teams.create', { name: 'A' });
    const b = await callTyped(t.host, 'teams.create', { name: 'B', parentId: a.id });
    const c = await callTyped(t.host, 'teams.create', { name: 'C', parentId: b.id });
    const before = JSON.stringify(exportWorkspace(t.engine));
    await expect(call(t.host, 'teams.update', { id: a.id, parentId: c.id })).rejects.toThrow(/cannot sit inside itself/);
    await expect(call(t.host, 'teams.update', { id: a.id, parentId: a.id })).rejects.toThrow(/cannot sit inside itself/);
    await expect(call(t.host, 'teams.create', { name: 'D', parentId: 'nope' })).rejects.toThrow(/parentId: no team with id nope/);
    await expect(call(t.host, 'teams.create', { name: ' b ', parentId: a.id })).rejects.toThrow(/a team named "B" already exists/);
    await expect(call(t.host, 'teams.delete', { id: a.id })).rejects.toThrow(/A has 1 sub-team\. Move or delete them first/);
    await expect(call(t.host, 'teams.create', { name: '', headcount: -1 })).rejects.toThrow(
      /name: Team name cannot be empty[\s\S]*headcount: headcount cannot be negative/,
    );
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
    // Moving a leaf to the top level is fine.
    const moved = await callTyped(t.host, 'teams.update', { id: c.id, parentId: null });
    expect(moved.depth).toBe(0);
  });
});

describe('initiatives', () => {
  it('stores the triad as members or named people, and flags missing roles', async () => {
    const dana = (await callTyped(t.host, 'members.list', {}))[0];
    const created = await callTyped(t.host, 'initiatives.create', {
      name: 'Claims triage assistant',
      status: 'live',
      goLive: '2026-02-02',
      modelVersions: ['gbm 3.2', 'gbm 3.2', 'gbm 3.4'],
      businessSponsor: { memberId: dana?.id ?? '' },
      productOwner: { name: 'Alex Morgan' },
    });
    expect(created.businessSponsor).toEqual({ memberId: dana?.id, name: 'Dana Lee' });
    expect(created.productOwner).toEqual({ memberId: null, name: 'Alex Morgan' });
    expect(created.modelVersions).toEqual(['gbm 3.2', 'gbm 3.4']);
    expect(created.missingRoles).toEqual(['technicalLead']);
    const updated = await callTyped(t.host, 'initiatives.update', {
      id: created.id,
      technicalLead: { name: 'Jordan Patel' },
      productOwner: null,
    });
    expect(updated.missingRoles).toEqual(['productOwner']);
    await expect(call(t.host, 'initiatives.create', { name: 'X', status: 'launched' })).rejects.toThrow(
      /status must be one of pilot, rolling_out, live, paused, retired/,
    );
    await expect(call(t.host, 'initiatives.create', { name: 'X', goLive: '2026-02-30' })).rejects.toThrow(/goLive: not a real date/);
    await expect(call(t.host, 'initiatives.create', { name: 'X', businessSponsor: { memberId: 'ghost' } })).rejects.toThrow(
      /businessSponsor.memberId: no member/,
    );
  });

  it('a removed member no longer fills a triad role', async () => {
    const sam = await callTyped(t.host, 'members.create', { name: 'Sam Rivera', role: 'champion' });
    const i = await callTyped(t.host, 'initiatives.create', { name: 'Drafts', technicalLead: { memberId: sam.id } });
    expect(i.missingRoles).toEqual(['businessSponsor', 'productOwner']);
    await callTyped(t.host, 'members.delete', { id: sam.id });
    expect((await callTyped(t.host, 'initiatives.get', { id: i.id })).missingRoles).toEqual([
      'businessSponsor',
      'productOwner',
      'technicalLead',
    ]);
  });

  it('keeps the last change manager', async () => {
    const [dana] = await callTyped(t.host, 'members.list', {});
    await expect(call(t.host, 'members.delete', { id: dana?.id ?? '' })).rejects.toThrow(/only change manager/);
    await expect(call(t.host, 'members.update', { id: dana?.id ?? '', role: 'sponsor' })).rejects.toThrow(/only change manager/);
  });
});
