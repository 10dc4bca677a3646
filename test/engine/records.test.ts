import { describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import { findIn, IDS_PER_QUERY, inTransaction, tableRows } from '../../db/records';
import { members } from '../../db/schema';
import { getTeam, listTeams } from '../../db/teams/teams';
import { newId, write } from '../../db/write';
import { workspaceForEachTest } from '../helpers';

const t = workspaceForEachTest();

describe('findIn', () => {
  it('finds records by id in batches of IDS_PER_QUERY: in the order asked, deleted ones too, each once, unknown ids left out', () => {
    const count = 2 * IDS_PER_QUERY + 37;
    // Through the write path without the domain checks: a name check per member would make this quadratic.
    const ids = inTransaction(t.engine, () =>
      Array.from({ length: count }, (_, i) => {
        const id = newId();
        write(t.engine, null, 'members', id, { name: `Member ${i}`, email: null, role: 'champion', deleted: i % 10 === 0 }, 'create');
        return id;
      }),
    );
    const rows = new Map(tableRows(t.engine, members, true).map((r) => [r.id, r]));
    const batches: number[] = [];
    const find = findIn(members, (_engine, batch) => {
      batches.push(batch.length);
      return batch.map((r) => ({ id: r.id, name: r.name, deleted: r.deleted }));
    });
    const asked = [...ids].reverse();
    const found = find(t.engine, ['no-such-id', ...asked, asked[0] as string, asked[IDS_PER_QUERY] as string]);
    expect(found.map((r) => r.id)).toEqual(asked);
    expect(found).toEqual(asked.map((id) => ({ id, name: rows.get(id)?.name, deleted: rows.get(id)?.deleted })));
    expect(found.filter((r) => r.deleted)).toHaveLength(Math.ceil(count / 10));
    // The unknown id shares the first batch: three queries, none over the limit.
    expect(batches).toEqual([IDS_PER_QUERY - 1, IDS_PER_QUERY, 38]);
    expect(find(t.engine, [])).toEqual([]);
  });

  it('places a team found by id as the whole hierarchy does: deleted parents, loops and missing parents included', async () => {
    const claims = await callTyped(t.host, 'teams.create', { name: 'Claims' });
    const north = await callTyped(t.host, 'teams.create', { name: 'Claims North', parentId: claims.id });
    await callTyped(t.host, 'teams.create', { name: 'Leeds', parentId: north.id });
    await callTyped(t.host, 'teams.create', { name: 'Closed', parentId: north.id });
    const closed = listTeams(t.engine).find((x) => x.name === 'Closed');
    await callTyped(t.host, 'teams.delete', { id: closed?.id ?? '' });
    const old = await callTyped(t.host, 'teams.create', { name: 'Old' });
    await callTyped(t.host, 'teams.create', { name: 'Kept', parentId: old.id });
    // Sync can deliver what the forms refuse: a deleted parent, a loop (A in B in A, C under A) and a parent that is not there.
    inTransaction(t.engine, () => {
      write(t.engine, null, 'teams', old.id, { deleted: true }, 'update');
      const [a, b, c, d] = [newId(), newId(), newId(), newId()];
      write(t.engine, null, 'teams', a, { name: 'A', parentId: b }, 'create');
      write(t.engine, null, 'teams', b, { name: 'B', parentId: a }, 'create');
      write(t.engine, null, 'teams', c, { name: 'C', parentId: a }, 'create');
      write(t.engine, null, 'teams', d, { name: 'D', parentId: 'gone' }, 'create');
    });
    const all = listTeams(t.engine, true);
    expect(all).toHaveLength(10);
    for (const team of all) expect(getTeam(t.engine, team.id)).toEqual(team);
    expect(getTeam(t.engine, north.id)).toMatchObject({ depth: 1, path: ['Claims', 'Claims North'], subTeamCount: 1 });
    expect(all.find((x) => x.name === 'Kept')).toMatchObject({ parentId: old.id, path: ['Old', 'Kept'] });
    expect(all.find((x) => x.name === 'C')).toMatchObject({ parentId: null, depth: 0, subTeamCount: 0 });
  });
});
